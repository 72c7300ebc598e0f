package io.github.lpconnector.camel.flows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The figures of a flow run, printed as one {@code [FLOWS]} line on System.out (surefire keeps it in
 * target/surefire-reports/*-output.txt) and appended to target/flows-figures.txt.
 */
public final class FlowFigures {

    private final String name;
    private final Map<String, Object> figures = new LinkedHashMap<>();

    public FlowFigures(String name) {
        this.name = name;
    }

    public FlowFigures put(String key, Object value) {
        figures.put(key, value);
        return this;
    }

    public void print() {
        String line = "[FLOWS] " + name + ": " + figures.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        System.out.println(line);
        try {
            Path out = Path.of("target", "flows-figures.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("[FLOWS] could not write target/flows-figures.txt: " + e);
        }
    }
}
