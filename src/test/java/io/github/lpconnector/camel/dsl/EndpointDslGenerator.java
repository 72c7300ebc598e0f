package io.github.lpconnector.camel.dsl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes {@code LivePersonConnectorEndpointBuilderFactory} from the component's generated metadata
 * ({@code liveperson-connector.json}), so that the typed Endpoint DSL carries exactly the options, types, defaults
 * and descriptions (the options' javadoc) of the component. Camel's own generator does this for Camel's components;
 * it generates nothing for a third-party one.
 * <p>
 * Run after changing an option: {@code mvn -q test-compile exec:java@generate-dsl}. {@code EndpointDslIsGeneratedTest}
 * fails while the committed file differs from what this writes.
 */
public final class EndpointDslGenerator {

    static final String METADATA = "/META-INF/io/github/lpconnector/camel/liveperson-connector.json";
    static final Path TARGET = Path.of("src/main/java/io/github/lpconnector/camel/dsl/LivePersonConnectorEndpointBuilderFactory.java");
    private static final int WIDTH = 110;

    private EndpointDslGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Files.writeString(TARGET, generate(metadata()), StandardCharsets.UTF_8);
        System.out.println("wrote " + TARGET);
    }

    static JsonNode metadata() throws IOException {
        try (InputStream in = EndpointDslGenerator.class.getResourceAsStream(METADATA)) {
            if (in == null) {
                throw new IOException(METADATA + " is not on the class path: compile first");
            }
            return new ObjectMapper().readTree(in);
        }
    }

    static String generate(JsonNode metadata) {
        List<Map.Entry<String, JsonNode>> basic = new ArrayList<>();
        List<Map.Entry<String, JsonNode>> advanced = new ArrayList<>();
        String pathName = null;
        JsonNode path = null;
        for (Map.Entry<String, JsonNode> property : metadata.get("properties").properties()) {
            String kind = property.getValue().path("kind").asText();
            if ("path".equals(kind)) {
                pathName = property.getKey();
                path = property.getValue();
            } else if ("parameter".equals(kind)) {
                (property.getValue().path("label").asText().contains("advanced") ? advanced : basic).add(property);
            }
        }
        JsonNode component = metadata.get("component");
        StringBuilder out = new StringBuilder();
        out.append("""
                package io.github.lpconnector.camel.dsl;

                import org.apache.camel.builder.EndpointConsumerBuilder;
                import org.apache.camel.builder.EndpointProducerBuilder;

                /**
                 * Typed Java Endpoint DSL for {@code liveperson-connector}, shaped like the builders Camel generates for its own
                 * components. Generated from {@code liveperson-connector.json} by {@code EndpointDslGenerator} (test sources): do not
                 * edit, regenerate with {@code mvn -q test-compile exec:java@generate-dsl}.
                 *
                 * <pre>
                 * import static io.github.lpconnector.camel.dsl.LivePersonConnectorEndpointBuilderFactory.livepersonConnector;
                 *
                 * from("kafka:lp-outbound").to(livepersonConnector("create").accountId("{{lp.accountId}}").domain("{{lp.domain}}"));
                 * from(livepersonConnector("notifications").webhookSecret("{{lp.clientSecret}}")).to("kafka:lp-replies");
                 * </pre>
                 */
                public interface LivePersonConnectorEndpointBuilderFactory {

                    /**
                     * Builder for endpoint for the LivePerson Connector component.
                     */
                    interface LivePersonConnectorEndpointBuilder extends EndpointConsumerBuilder, EndpointProducerBuilder {

                        default AdvancedLivePersonConnectorEndpointBuilder advanced() {
                            return (AdvancedLivePersonConnectorEndpointBuilder) this;
                        }
                """);
        basic.forEach(p -> methods(out, "LivePersonConnectorEndpointBuilder", p.getKey(), p.getValue()));
        out.append("""
                    }

                    /**
                     * Advanced builder for endpoint for the LivePerson Connector component.
                     */
                    interface AdvancedLivePersonConnectorEndpointBuilder extends EndpointConsumerBuilder, EndpointProducerBuilder {

                        default LivePersonConnectorEndpointBuilder basic() {
                            return (LivePersonConnectorEndpointBuilder) this;
                        }
                """);
        advanced.forEach(p -> methods(out, "AdvancedLivePersonConnectorEndpointBuilder", p.getKey(), p.getValue()));
        String pathText = path != null ? pathName + (path.path("required").asBoolean() ? " (required)" : "") + ": "
                                         + javadoc(path.path("description").asText()) : "";
        out.append("    }\n\n");
        out.append(comment("    ", List.of(javadoc(component.path("title").asText()) + " (scheme {@code "
                                             + component.path("scheme").asText() + "}): "
                                             + javadoc(component.path("description").asText()),
                "", "Syntax: <code>" + component.path("syntax").asText() + "</code>", "",
                "Path parameter: " + pathText, "",
                "@param  path " + pathName, "@return      the dsl builder")));
        out.append("""
                    static LivePersonConnectorEndpointBuilder livepersonConnector(String path) {
                        return endpointBuilder("liveperson-connector", path);
                    }

                    /**
                     * As {@link #livepersonConnector(String)}, for the component registered under another name.
                     *
                     * @param  componentName to use a custom component name for the endpoint instead of the default name
                     * @param  path          operation
                     * @return               the dsl builder
                     */
                    static LivePersonConnectorEndpointBuilder livepersonConnector(String componentName, String path) {
                        return endpointBuilder(componentName, path);
                    }

                    static LivePersonConnectorEndpointBuilder endpointBuilder(String componentName, String path) {
                        class LivePersonConnectorEndpointBuilderImpl extends LivePersonEndpointBuilderSupport
                                implements LivePersonConnectorEndpointBuilder, AdvancedLivePersonConnectorEndpointBuilder {
                            LivePersonConnectorEndpointBuilderImpl(String path) {
                                super(componentName, path);
                            }
                        }
                        return new LivePersonConnectorEndpointBuilderImpl(path);
                    }
                }
                """);
        return out.toString();
    }

    /** The typed setter of an option and, unless it is a String, the setter taking its text (e.g. a placeholder). */
    private static void methods(StringBuilder out, String builder, String name, JsonNode option) {
        String javaType = option.path("javaType").asText();
        method(out, builder, name, option, javaType, "The option is a: <code>" + javaType + "</code> type.");
        if (!"java.lang.String".equals(javaType)) {
            method(out, builder, name, option, "java.lang.String",
                    "The option will be converted to a <code>" + javaType + "</code> type.");
        }
    }

    private static void method(StringBuilder out, String builder, String name, JsonNode option, String type,
                               String typeLine) {
        List<String> lines = new ArrayList<>();
        lines.add(javadoc(option.path("description").asText()));
        lines.add("");
        lines.add(typeLine);
        lines.add("");
        if (option.path("required").asBoolean()) {
            lines.add("Required: true");
        }
        if (option.has("defaultValue")) {
            lines.add("Default: " + javadoc(option.get("defaultValue").asText()));
        }
        lines.add("Group: " + option.path("group").asText());
        lines.add("");
        lines.add("@param " + name + " the value to set");
        lines.add("@return the dsl builder");
        out.append('\n').append(comment("        ", lines));
        String shortType = type.startsWith("java.lang.") ? type.substring("java.lang.".length()) : type;
        out.append("        default ").append(builder).append(' ').append(name).append('(').append(shortType)
                .append(' ').append(name).append(") {\n")
                .append("            doSetProperty(\"").append(name).append("\", ").append(name).append(");\n")
                .append("            return this;\n")
                .append("        }\n");
    }

    /** A javadoc comment, each line wrapped at {@value #WIDTH} columns. */
    private static String comment(String indent, List<String> lines) {
        StringBuilder out = new StringBuilder(indent).append("/**\n");
        for (String line : lines) {
            if (line.isEmpty()) {
                out.append(indent).append(" *\n");
                continue;
            }
            StringBuilder current = new StringBuilder();
            for (String word : line.split(" ")) {
                if (current.length() > 0 && indent.length() + 3 + current.length() + 1 + word.length() > WIDTH) {
                    out.append(indent).append(" * ").append(current).append('\n');
                    current.setLength(0);
                }
                current.append(current.length() > 0 ? " " : "").append(word);
            }
            out.append(indent).append(" * ").append(current).append('\n');
        }
        return out.append(indent).append(" */\n").toString();
    }

    /** Metadata text made safe for javadoc: markup characters escaped, Markdown code spans as {@code ...}. */
    private static String javadoc(String text) {
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("*/", "*&#47;")
                .replace("@", "&#64;");
        return escaped.replaceAll("`([^`]+)`", "{@code $1}").replaceAll("\\s+", " ").trim();
    }
}
