package io.github.lpconnector.camel.inbound;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.github.lpconnector.camel.emulator.LiveEngageEmulator;
import io.github.lpconnector.camel.support.Keytool;
import io.github.lpconnector.camel.flows.FlowMain;
import io.github.lpconnector.camel.model.LivePersonNotification.Text;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.lpconnector.camel.inbound.WebhookClient.agentText;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two other ways a connector serves LiveEngage's webhooks: through camel-webhook
 * ({@code webhook:liveperson-connector:notifications} on platform-http), and over TLS with the Camel context's SSL
 * context parameters, as LiveEngage requires an https endpoint.
 */
class NotificationsServingTest {

    private static final String PASSWORD = "changeit";
    static LiveEngageEmulator emulator;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        emulator = LiveEngageEmulator.start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void throughCamelWebhookOnPlatformHttp() throws Exception {
        int port = WebhookClient.freePort();
        ConcurrentLinkedQueue<Exchange> received = new ConcurrentLinkedQueue<>();
        Main main = FlowMain.start(null, null, emulator, Map.of("camel.server.enabled", "true",
                "camel.server.port", String.valueOf(port)), Map.of());
        try {
            main.getCamelContext().addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("webhook:liveperson-connector:notifications?webhookComponentName=platform-http")
                            .process(e -> received.add(e.copy()));
                }
            });
            WebhookClient liveEngage = new WebhookClient(URI.create("http://127.0.0.1:" + port
                                                                    + "/liveperson/notifications"),
                    FlowMain.ACCOUNT, emulator.clientId(), emulator.clientSecret());

            assertThat(liveEngage.post(agentText("conv-webhook", 1, "via camel-webhook")).statusCode()).isEqualTo(200);
            assertThat(liveEngage.post(agentText("conv-webhook", 2, "x").getBytes(StandardCharsets.UTF_8), null,
                    FlowMain.ACCOUNT).statusCode()).as("unsigned").isEqualTo(401);
            assertThat(received).extracting(e -> e.getMessage().getBody(Text.class).message())
                    .containsExactly("via camel-webhook");
            assertThat(received.peek().getMessage().getHeader("conversationId")).isEqualTo("conv-webhook");
        } finally {
            main.stop();
        }
    }

    @Test
    void overTlsWithTheContextsSslContextParameters() throws Exception {
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", "server.p12");
        keytool("-exportcert", "-alias", "server", "-keystore", "server.p12", "-file", "server.crt");
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", "server.crt", "-keystore", "trust.p12");
        int port = WebhookClient.freePort();
        ConcurrentLinkedQueue<Exchange> received = new ConcurrentLinkedQueue<>();
        Main main = FlowMain.start(null, null, emulator, Map.of("camel.server.enabled", "true",
                "camel.server.port", String.valueOf(port), "camel.server.useGlobalSslContextParameters", "true",
                "camel.ssl.enabled", "true", "camel.ssl.keyStore", "file:" + dir.resolve("server.p12"),
                "camel.ssl.keystorePassword", PASSWORD, "camel.ssl.keyStoreType", "PKCS12"), Map.of());
        try {
            main.getCamelContext().addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("liveperson-connector:notifications").process(e -> received.add(e.copy()));
                }
            });
            WebhookClient liveEngage = new WebhookClient(HttpClient.newBuilder().sslContext(trusting("trust.p12")).build(),
                    URI.create("https://localhost:" + port + "/liveperson/notifications"), FlowMain.ACCOUNT,
                    emulator.clientId(), emulator.clientSecret());

            assertThat(liveEngage.post(agentText("conv-tls", 1, "over https")).statusCode()).isEqualTo(200);
            assertThat(received).extracting(e -> e.getMessage().getBody(Text.class).message())
                    .containsExactly("over https");
        } finally {
            main.stop();
        }
    }

    private static SSLContext trusting(String trustStore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(trustStore))) {
            store.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static void keytool(String... args) throws Exception {
        new Keytool(dir, PASSWORD).run(args);
    }
}
