package io.github.lpconnector.camel.readme;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.lpconnector.camel.LivePersonConnectorConstants;
import org.apache.camel.util.StringHelper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Keeps README.md true of the code: its option tables, headers, exceptions, class names, links, properties blocks,
 * route excerpts, JSON blocks, the emulator's dependency and command line, the main job's output, the fidelity
 * table's tests and the metric names are checked against the metadata, the classes and the files they describe.
 * ReadmeSnippetsTest runs its properties blocks and bodies.
 */
class ReadmeTest {

    private static final String ROOT = "io.github.lpconnector.camel";
    private static final Pattern OPTION_ROW = Pattern.compile("(?m)^\\| `([a-zA-Z]+)` \\|([^|]*)\\|");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String readme = Readme.TEXT;
    private static final JsonNode metadata = Readme.METADATA;

    @Test
    void theTwoCommandsAreThereAndCiRunsTheSecond() throws IOException {
        assertThat(readme).contains("mvn -q test-compile exec:java@main-job").contains("mvn -B -ntp verify");
        assertThat(Files.readString(Path.of(".ci/run"))).contains("mvn -B -ntp verify");
    }

    @Test
    void theOptionTablesListEveryOptionOfTheMetadataWithItsDefaultAndNoOther() {
        String options = Readme.section("## Options, headers, errors", "### Headers and exchange properties");
        Map<String, String> rows = new LinkedHashMap<>();
        Matcher m = OPTION_ROW.matcher(options);
        while (m.find()) {
            assertThat(rows.put(m.group(1), m.group(2).trim())).as("option %s listed once", m.group(1)).isNull();
        }
        Map<String, JsonNode> known = new LinkedHashMap<>();
        metadata.path("componentProperties").properties().forEach(e -> known.put(e.getKey(), e.getValue()));
        metadata.path("properties").properties().forEach(e -> known.putIfAbsent(e.getKey(), e.getValue()));

        assertThat(rows.keySet()).as("the README's option tables").containsExactlyInAnyOrderElementsOf(known.keySet());
        known.forEach((name, option) -> {
            JsonNode value = option.get("defaultValue");
            if (value != null && !value.isNull()) {
                // 0.0 of a double option is written 0
                String text = value.isDouble() && value.asDouble() == Math.rint(value.asDouble())
                        ? String.valueOf((long) value.asDouble()) : value.asText();
                assertThat(rows.get(name)).as("the default of %s", name).contains("`" + text + "`");
            }
        });
    }

    @Test
    void everyHeaderAndExchangePropertyIsInTheHeadersTable() throws Exception {
        String table = Readme.section("### Headers and exchange properties", "### Errors");
        Set<String> rows = new TreeSet<>();
        Matcher m = OPTION_ROW.matcher(table);
        while (m.find()) {
            rows.add(m.group(1));
        }
        Set<String> names = new TreeSet<>();
        metadata.path("headers").fieldNames().forEachRemaining(names::add);
        for (Field field : LivePersonConnectorConstants.class.getFields()) {
            if (field.getName().startsWith("PROPERTY_")) {
                names.add((String) field.get(null));
            }
        }
        assertThat(names).hasSizeGreaterThan(15);
        assertThat(rows).isEqualTo(names);
    }

    @Test
    void everyExceptionOfTheRootPackageIsInTheErrorsSection() throws IOException {
        String errors = Readme.section("### Errors", "### Retries and the rate governor");
        List<String> exceptions;
        try (Stream<Path> files = Files.list(Path.of("src/main/java/io/github/lpconnector/camel"))) {
            exceptions = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("Exception.java"))
                    .map(n -> n.substring(0, n.length() - ".java".length())).sorted().toList();
        }
        assertThat(exceptions).hasSizeGreaterThanOrEqualTo(9);
        for (String exception : exceptions) {
            assertThat(errors).as("the errors section").contains("`" + exception + "`");
        }
        assertThat(errors).contains("isConversationAlreadyOpen()").contains("getErrorCode()").contains("40011");
    }

    @Test
    void everyClassTheReadmeNamesExistsAndIsPublic() {
        Set<String> names = new LinkedHashSet<>();
        Matcher qualified = Pattern.compile("io\\.github\\.lpconnector\\.camel(?:\\.[a-z]\\w*)*\\.[A-Z]\\w*(?:\\.[A-Z]\\w*)*")
                .matcher(readme);
        while (qualified.find()) {
            names.add(qualified.group());
        }
        Matcher row = Pattern.compile("(?m)^\\| `(io\\.github\\.lpconnector\\.camel[a-z.]*)`[^|]*\\| (.*) \\|$")
                .matcher(Readme.section("### Packages and imports", "## Quick start"));
        int packages = 0;
        while (row.find()) {
            packages++;
            Matcher simple = Pattern.compile("`([A-Z]\\w*(?:\\.[A-Z]\\w*)*)`").matcher(row.group(2));
            while (simple.find()) {
                names.add(row.group(1) + "." + simple.group(1));
            }
        }
        assertThat(packages).as("rows of the packages table").isEqualTo(5);
        assertThat(names).hasSizeGreaterThan(50);
        for (String name : names) {
            Class<?> type = load(name);
            assertThat(Modifier.isPublic(type.getModifiers())).as("%s is public", name).isTrue();
        }
    }

    @Test
    void everyLocalLinkResolves() {
        Matcher link = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)]*)?\\)").matcher(readme);
        int links = 0;
        while (link.find()) {
            String target = link.group(1);
            if (!target.startsWith("http")) {
                links++;
                assertThat(Path.of(target)).as("link %s", target).exists();
            }
        }
        assertThat(links).isGreaterThan(15);
        assertThat(readme).contains("](docs/benchmark/)");
    }

    @Test
    void everyAnchorLinkNamesAHeading() {
        Set<String> anchors = new TreeSet<>();
        Matcher heading = Pattern.compile("(?m)^#{2,4} (.+)$").matcher(readme);
        while (heading.find()) {
            anchors.add(heading.group(1).trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "")
                    .replace(' ', '-'));
        }
        Matcher link = Pattern.compile("\\]\\(#([^)]+)\\)").matcher(readme);
        while (link.find()) {
            assertThat(anchors).as("anchor #%s", link.group(1)).contains(link.group(1));
        }
    }

    @Test
    void propertiesBlocksUseKnownOptionsAndLeaveOnlyTheRequiredVariablesWithoutDefault() {
        Set<String> componentOptions = new TreeSet<>();
        metadata.path("componentProperties").fieldNames().forEachRemaining(componentOptions::add);
        List<Readme.Block> blocks = Readme.blocks("properties");
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(5);
        for (Readme.Block block : blocks) {
            for (Map.Entry<String, String> entry : Readme.properties(block).entrySet()) {
                if (entry.getKey().startsWith(Readme.PREFIX)) {
                    String option = StringHelper.dashToCamelCase(entry.getKey().substring(Readme.PREFIX.length()));
                    assertThat(componentOptions).as("%s in a properties block", entry.getKey()).contains(option);
                }
            }
            Set<String> required = Readme.requiredVariables(block);
            Matcher env = Readme.ENV.matcher(block.text());
            while (env.find()) {
                if (env.group(2) == null) {
                    assertThat(required).as("{{env:%s}} without default: named as required before its block",
                            env.group(1)).contains(env.group(1));
                }
            }
        }
    }

    @Test
    void routeExcerptsAreTakenFromTheirFiles() throws IOException {
        Matcher excerpt = Pattern.compile("<!-- excerpt: (\\S+) -->\\n```\\w*\\n(.*?)^```$", Pattern.MULTILINE
                                                                                         | Pattern.DOTALL).matcher(readme);
        int excerpts = 0;
        while (excerpt.find()) {
            excerpts++;
            String file = Files.readString(Path.of(excerpt.group(1)));
            assertThat(Readme.normalise(file)).as("%s contains the README's excerpt", excerpt.group(1))
                    .contains(Readme.normalise(excerpt.group(2)));
        }
        assertThat(excerpts).isGreaterThanOrEqualTo(2);
    }

    @Test
    void jsonBlocksAreJson() throws IOException {
        List<Readme.Block> blocks = Readme.blocks("json");
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(3);
        for (Readme.Block block : blocks) {
            assertThat(JSON.readTree(block.text())).as(block.text()).isNotNull();
        }
    }

    @Test
    void theDependenciesAreTheOnesTheUsersProjectDeclares() throws IOException {
        String pom = Readme.normalise(Files.readString(Path.of("src/it/emulator-in-a-users-project/pom.xml")));
        String version = xmlTag(Files.readString(Path.of("pom.xml")), "version");
        List<Readme.Block> dependencies = Readme.blocks("xml").stream()
                .filter(b -> b.text().startsWith("<dependency>")).toList();
        assertThat(dependencies).hasSize(2);
        assertThat(dependencies.get(1).text()).contains("<classifier>emulator</classifier>").contains("<scope>test</scope>");
        for (Readme.Block dependency : dependencies) {
            assertThat(dependency.text()).contains("<version>" + version + "</version>");
            assertThat(pom).contains(Readme.normalise(dependency.text().replace(version, "@project.version@")));
        }
    }

    @Test
    void theEmulatorsCommandLineOptionsAreTheOnesItParses() throws IOException {
        String source = Files.readString(Path.of(
                "src/test/java/io/github/lpconnector/camel/emulator/LiveEngageEmulatorMain.java"));
        Set<String> parsed = Readme.matches(Pattern.compile("case \"(--[a-z-]+)\""), source);
        String section = Readme.section("### Starting it", "### The agent, webhooks, faults, rate limit");
        Set<String> documented = Readme.matches(Pattern.compile("`(--[a-z-]+)"), section);
        assertThat(parsed).hasSizeGreaterThan(15);
        assertThat(documented).isEqualTo(parsed);
        assertThat(section).contains("/emulator/tokens/app-jwt?account=")
                .contains("/emulator/tokens/consumer-jws?account=<account>&ext_consumer_id=<consumer>");
    }

    @Test
    void theMainJobsSampleOutputHasTheLinesItPrints() throws IOException {
        String source = Files.readString(Path.of("src/test/java/io/github/lpconnector/camel/mainjob/MainJob.java"));
        Matcher format = Pattern.compile("\"\\[main-job\\] (events read: [^\"]*)%n\"").matcher(source);
        assertThat(format.find()).isTrue();
        String summary = Pattern.quote(format.group(1)).replace("%d", "\\E\\d+\\Q");
        assertThat(readme).containsPattern("\\[main-job\\] " + summary);
        assertThat(readme).contains(", agent: Hello Amelia, about: ");
    }

    @Test
    void theFidelityTablesTestsExist() {
        String table = Readme.section("### Fidelity: what the emulator does as LiveEngage does", "## Running several instances");
        Matcher row = Pattern.compile("(?m)^\\| (?!Rule|---)[^|]+\\|[^|]+\\| (.+) \\|$").matcher(table);
        int rows = 0;
        while (row.find()) {
            rows++;
            Class<?> current = null;
            Matcher reference = Pattern.compile("`([A-Za-z]+)(?:\\.([a-zA-Z]+))?`").matcher(row.group(1));
            while (reference.find()) {
                String first = reference.group(1);
                if (Character.isUpperCase(first.charAt(0))) {
                    current = testClass(first);
                    if (reference.group(2) != null) {
                        assertThat(hasMethod(current, reference.group(2))).as("%s.%s", first, reference.group(2))
                                .isTrue();
                    }
                } else {
                    assertThat(current).as("a class before %s", first).isNotNull();
                    assertThat(hasMethod(current, first)).as("%s.%s", current.getSimpleName(), first).isTrue();
                }
            }
        }
        assertThat(rows).isGreaterThanOrEqualTo(15);
    }

    @Test
    void theJdbcStoresTablesAreTheOnesItCreates() throws Exception {
        Class<?> store = Class.forName(ROOT + ".JdbcConversationStore");
        for (String name : List.of("CREATE_CONVERSATIONS", "CREATE_CONSUMERS")) {
            Field ddl = store.getDeclaredField(name);
            ddl.setAccessible(true);
            String statement = ddl.get(null) + ";";
            assertThat(Readme.section("### Conversation stores", "### Registering the webhooks: the App Installation manifest"))
                    .contains(statement);
            assertThat(Readme.section("## Running several instances", "## Performance")).contains(statement);
        }
        Field leased = Class.forName(ROOT + ".LeasedJdbcIdempotentRepository").getDeclaredField("CREATE");
        leased.setAccessible(true);
        assertThat(Readme.section("## Running several instances", "## Performance")).contains(leased.get(null) + ";");
    }

    @Test
    void theMetricNamesAreTheComponentsMeters() throws Exception {
        Set<String> meters = new TreeSet<>();
        for (Field field : Class.forName(ROOT + ".internal.MicrometerMetrics").getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                field.setAccessible(true);
                String value = (String) field.get(null);
                if (value.startsWith("liveperson.connector.")) {
                    meters.add(value);
                }
            }
        }
        Set<String> documented = Readme.matches(Pattern.compile("`(liveperson\\.connector\\.[a-z.]+)`"), readme);
        assertThat(meters).hasSizeGreaterThan(10);
        assertThat(documented).isEqualTo(meters);
    }

    // ------------------------------------------------------------------ helpers

    private static String xmlTag(String xml, String tag) {
        Matcher m = Pattern.compile("<artifactId>camel-liveperson-connector</artifactId>\\s*<" + tag + ">([^<]+)</")
                .matcher(xml);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** The class of a dotted name whose nested types follow their outer type ({@code a.b.Outer.Inner}). */
    private static Class<?> load(String name) {
        String[] parts = name.split("\\.");
        StringBuilder binary = new StringBuilder();
        boolean inType = false;
        for (String part : parts) {
            if (binary.length() > 0) {
                binary.append(inType ? '$' : '.');
            }
            binary.append(part);
            inType |= Character.isUpperCase(part.charAt(0));
        }
        try {
            return Class.forName(binary.toString(), false, ReadmeTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return fail("the README names %s, which does not exist", name);
        }
    }

    private static Class<?> testClass(String simpleName) {
        for (String pkg : List.of(ROOT + ".emulator", ROOT)) {
            try {
                return Class.forName(pkg + "." + simpleName, false, ReadmeTest.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                // the next package
            }
        }
        return fail("the fidelity table names the test %s, which does not exist", simpleName);
    }

    private static boolean hasMethod(Class<?> type, String name) {
        for (Method method : type.getDeclaredMethods()) {
            if (method.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
