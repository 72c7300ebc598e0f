package io.github.lpconnector.camel.readme;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.lpconnector.camel.LivePersonConnectorEndpoint;

import static org.assertj.core.api.Assertions.assertThat;

/** README.md as the tests read it: its sections, fenced blocks and properties, and the component's metadata. */
final class Readme {

    static final String PREFIX = "camel.component.liveperson-connector.";
    static final Pattern ENV = Pattern.compile("\\{\\{env:([A-Z0-9_]+)(:([^}]*))?}}");
    private static final Pattern FENCE = Pattern.compile("(?ms)^```(\\w*)\\n(.*?)^```$");

    static final String TEXT = read();
    static final JsonNode METADATA = metadata();

    /** A fenced block: its language, its text, and where it starts. */
    record Block(String language, String text, int start) {
        /** The README before the block. */
        String before() {
            return TEXT.substring(0, start);
        }
    }

    private Readme() {
    }

    private static String read() {
        try {
            return Files.readString(Path.of("README.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode metadata() {
        try (InputStream in = LivePersonConnectorEndpoint.class.getResourceAsStream(
                "/META-INF/io/github/lpconnector/camel/liveperson-connector.json")) {
            assertThat(in).as("the component's generated metadata").isNotNull();
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The README from the first line starting with {@code from} to the next starting with {@code to}. */
    static String section(String from, String to) {
        int start = TEXT.indexOf("\n" + from + "\n");
        assertThat(start).as("heading %s", from).isNotNegative();
        int end = TEXT.indexOf("\n" + to + "\n", start + 1);
        assertThat(end).as("heading %s after %s", to, from).isGreaterThan(start);
        return TEXT.substring(start, end);
    }

    static List<Block> blocks(String language) {
        List<Block> blocks = new ArrayList<>();
        Matcher m = FENCE.matcher(TEXT);
        while (m.find()) {
            if (m.group(1).equals(language)) {
                blocks.add(new Block(m.group(1), m.group(2), m.start()));
            }
        }
        return blocks;
    }

    /** The JSON blocks marked {@code <!-- exercised: kind -->}. */
    static List<String> exercised(String kind) {
        return blocks("json").stream().filter(b -> b.before().endsWith("<!-- exercised: " + kind + " -->\n"))
                .map(Block::text).toList();
    }

    static Map<String, String> properties(Block block) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String line : block.text().split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int equals = trimmed.indexOf('=');
            assertThat(equals).as("a key = value line: %s", line).isPositive();
            properties.put(trimmed.substring(0, equals).strip(), trimmed.substring(equals + 1).strip());
        }
        return properties;
    }

    /** The variables named on the last "Required variables:" line between the previous block and this one. */
    static Set<String> requiredVariables(Block block) {
        String before = block.before();
        int previous = before.lastIndexOf("```\n");
        String between = before.substring(previous < 0 ? 0 : previous);
        int at = between.lastIndexOf("Required variables:");
        if (at < 0) {
            return Set.of();
        }
        String line = between.substring(at, between.indexOf('\n', at));
        return matches(Pattern.compile("`([A-Z0-9_]+)`"), line);
    }

    static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    static String normalise(String text) {
        return Arrays.stream(text.split("\n")).map(String::strip).filter(l -> !l.isEmpty())
                .collect(Collectors.joining("\n"));
    }
}
