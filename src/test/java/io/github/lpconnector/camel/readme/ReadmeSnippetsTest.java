package io.github.lpconnector.camel.readme;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;

import io.github.lpconnector.camel.LivePersonConnectorConstants;
import io.github.lpconnector.camel.LivePersonConnectorEndpoint;
import io.github.lpconnector.camel.emulator.LiveEngageEmulator;
import io.github.lpconnector.camel.emulator.WebhookRegistrations;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs what README.md tells a user to run: its Camel Main properties blocks start a context with only the variables
 * it names as required, and its create bodies and App Installation manifest work against the emulator. (ReadmeTest
 * checks the text itself.)
 */
class ReadmeSnippetsTest {

    /** The account of the README's ready batch ({@code brandId}). */
    private static final String ACCOUNT = "12345678";

    @Test
    void theCamelMainBlocksStartWithOnlyTheRequiredVariablesSet() throws Exception {
        int started = 0;
        for (Readme.Block block : Readme.blocks("properties")) {
            if (!Readme.ENV.matcher(block.text()).find()) {
                continue;
            }
            Main main = new Main();
            Readme.properties(block).forEach((key, value) -> {
                if (!key.startsWith("camel.server.")) {
                    main.addInitialProperty(key, withVariables(value));
                }
            });
            main.configure().addRoutesBuilder(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:readme").to("liveperson-connector:create");
                }
            });
            try {
                main.start();
                assertThat(main.getCamelContext().getEndpoints()).as("the block\n%s", block.text())
                        .anyMatch(e -> e instanceof LivePersonConnectorEndpoint);
                started++;
            } finally {
                main.stop();
            }
        }
        assertThat(started).isGreaterThanOrEqualTo(4);
    }

    @Test
    void theCreateBodiesAndTheManifestWorkAgainstTheEmulator() throws Exception {
        List<String> bodies = Readme.exercised("create");
        assertThat(bodies).hasSize(2);
        try (LiveEngageEmulator emulator = LiveEngageEmulator.start()) {
            CamelContext context = new DefaultCamelContext();
            context.start();
            try {
                String uri = "liveperson-connector:create?accountId=" + ACCOUNT + "&baseUri=" + emulator.baseUri()
                             + "&domain=" + emulator.host();
                for (int i = 0; i < bodies.size(); i++) {
                    String consumer = "readme-" + i;
                    String body = bodies.get(i);
                    Exchange exchange = context.createProducerTemplate().send(uri, e -> {
                        e.setProperty(LivePersonConnectorConstants.PROPERTY_APP_JWT, emulator.issueAppJwt(ACCOUNT));
                        e.setProperty(LivePersonConnectorConstants.PROPERTY_CONSUMER_JWS,
                                emulator.issueConsumerJws(ACCOUNT, consumer));
                        e.getMessage().setBody(body);
                    });
                    assertThat(exchange.getException()).as(body).isNull();
                    assertThat(exchange.getMessage().getHeader(LivePersonConnectorConstants.CONVERSATION_ID, String.class))
                            .isNotBlank();
                }
            } finally {
                context.stop();
            }
            assertThat(emulator.conversations()).hasSize(2);
            assertThat(emulator.conversations()).allSatisfy(c -> assertThat(c.texts()).hasSize(1));

            List<String> manifests = Readme.exercised("manifest");
            assertThat(manifests).hasSize(1);
            emulator.webhooks().registerManifest(manifests.get(0));
            WebhookRegistrations registered = emulator.webhooks().registrations();
            assertThat(registered.endpoints().keySet()).containsExactlyInAnyOrderElementsOf(WebhookRegistrations.TYPES);
            assertThat(registered.endpoint(WebhookRegistrations.CONTENT_EVENT).orElseThrow().headers())
                    .containsEntry("X-Connector", "crm");
        }
    }

    /**
     * The value with the required variables (no default) set to sample values; the placeholders of the optional ones
     * stay for Camel to resolve, as they would be with the variable unset.
     */
    private static String withVariables(String value) {
        Matcher env = Readme.ENV.matcher(value);
        StringBuilder out = new StringBuilder();
        while (env.find()) {
            String sample = env.group(2) != null ? env.group()
                    : env.group(1).equals("LP_ACCOUNT_ID") ? "12345678" : "sample-" + env.group(1).toLowerCase(Locale.ROOT);
            env.appendReplacement(out, Matcher.quoteReplacement(sample));
        }
        env.appendTail(out);
        return out.toString();
    }
}
