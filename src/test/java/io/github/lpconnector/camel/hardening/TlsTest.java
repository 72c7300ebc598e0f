package io.github.lpconnector.camel.hardening;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.lpconnector.camel.LivePersonConnectorComponent;
import io.github.lpconnector.camel.LivePersonTransportException;
import io.github.lpconnector.camel.support.ConnectProxy;
import io.github.lpconnector.camel.support.LivePersonTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLS against a local HTTPS server whose self-signed certificates are made by the JDK's keytool in a temporary
 * folder: refused without trust; accepted with {@code sslContextParameters} on the endpoint and with the global SSL
 * context, and through a proxy's tunnel; and refused, even when trusted, for a certificate made out to another host
 * name.
 */
class TlsTest extends LivePersonTestSupport {

    private static final String PASSWORD = "changeit";

    @TempDir
    static Path dir;

    private final List<HttpsServer> servers = new ArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeAll
    static void makeCertificates() throws Exception {
        // one for localhost/127.0.0.1, one for another host; both trusted by trust.p12
        keytool("-genkeypair", "-alias", "local", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", "local.p12");
        keytool("-genkeypair", "-alias", "other", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=other.example", "-ext", "SAN=dns:other.example", "-validity", "2", "-keystore", "other.p12");
        keytool("-exportcert", "-alias", "local", "-keystore", "local.p12", "-file", "local.crt");
        keytool("-exportcert", "-alias", "other", "-keystore", "other.p12", "-file", "other.crt");
        keytool("-importcert", "-noprompt", "-alias", "local", "-file", "local.crt", "-keystore", "trust.p12");
        keytool("-importcert", "-noprompt", "-alias", "other", "-file", "other.crt", "-keystore", "trust.p12");
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        if (args[0].equals("-genkeypair")) {
            command.addAll(List.of("-keypass", PASSWORD));
        }
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("keytool ended").isTrue();
        assertThat(process.exitValue()).as("keytool %s: %s", args[0], output).isZero();
    }

    /** An HTTPS server on loopback presenting the certificate of {@code keystore}, answering as LivePerson would. */
    private int httpsServer(String keystore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve(keystore))) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        https.createContext("/", exchange -> {
            try (exchange) {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                requests.incrementAndGet();
                String ids = new String(body, StandardCharsets.UTF_8);
                byte[] answer = MAPPER.writeValueAsBytes(answers(ids));
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            } catch (IOException e) {
                throw e;
            }
        });
        https.start();
        servers.add(https);
        return https.getAddress().getPort();
    }

    /** OK for every request of a CREATE batch, the conversation opened. */
    private static Object answers(String batch) throws IOException {
        var requests = MAPPER.readTree(batch);
        var list = MAPPER.createArrayNode();
        for (var request : requests) {
            var answer = list.addObject().put("kind", "resp").put("reqId", request.path("id").asText()).put("code", 200);
            if (request.path("type").asText().equals("cm.ConsumerRequestConversation")) {
                answer.putObject("body").put("conversationId", "conv-tls");
            } else {
                answer.putObject("body");
            }
        }
        return list;
    }

    private static SSLContextParameters trusting() {
        KeyStoreParameters trustStore = new KeyStoreParameters();
        trustStore.setResource("file:" + dir.resolve("trust.p12"));
        trustStore.setPassword(PASSWORD);
        trustStore.setType("PKCS12");
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(trustStore);
        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setTrustManagers(trust);
        return parameters;
    }

    private Exchange send(String options) throws Exception {
        return template.asyncSend(CREATE + "?maxRetries=0&connectTimeout=5000&requestTimeout=5000&" + options,
                e -> e.getMessage().setBody("hello")).get(30, TimeUnit.SECONDS);
    }

    @Test
    void untrustedCertificateIsRefused() throws Exception {
        int port = httpsServer("local.p12");

        Exchange exchange = send("baseUri=https://localhost:" + port);

        assertThat(exchange.getException()).isInstanceOf(LivePersonTransportException.class)
                .hasMessageContaining("TLS handshake refused");
        assertThat(((LivePersonTransportException) exchange.getException()).isRequestSent()).isFalse();
        assertThat(requests.get()).isZero();
    }

    @Test
    void trustedWithEndpointSslContextParameters() throws Exception {
        int port = httpsServer("local.p12");
        context.getRegistry().bind("lpTrust", trusting());

        Exchange exchange = send("sslContextParameters=#lpTrust&baseUri=https://localhost:" + port);

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader("conversationId")).isEqualTo("conv-tls");
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void throughAProxyTunnel() throws Exception {
        int port = httpsServer("local.p12");
        context.getRegistry().bind("lpTrust", trusting());
        try (ConnectProxy proxy = new ConnectProxy()) {

            Exchange exchange = send("sslContextParameters=#lpTrust&baseUri=https://localhost:" + port
                                     + "&proxyHost=127.0.0.1&proxyPort=" + proxy.port());

            assertThat(exchange.getException()).isNull();
            assertThat(exchange.getMessage().getHeader("conversationId")).isEqualTo("conv-tls");
            assertThat(proxy.requestLines()).containsExactly("CONNECT localhost:" + port + " HTTP/1.1");
            assertThat(requests.get()).isEqualTo(1);
        }
    }

    @Test
    void trustedWithTheGlobalSslContext() throws Exception {
        int port = httpsServer("local.p12");
        context.getComponent("liveperson-connector", LivePersonConnectorComponent.class)
                .setUseGlobalSslContextParameters(true);
        context.setSSLContextParameters(trusting());

        Exchange exchange = send("baseUri=https://127.0.0.1:" + port);

        assertThat(exchange.getException()).isNull();
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void globalSslContextIsIgnoredUnlessEnabled() throws Exception {
        int port = httpsServer("local.p12");
        context.setSSLContextParameters(trusting());

        Exchange exchange = send("baseUri=https://localhost:" + port);

        assertThat(exchange.getException()).isInstanceOf(LivePersonTransportException.class);
        assertThat(requests.get()).isZero();
    }

    @Test
    void hostNameIsVerifiedEvenForATrustedCertificate() throws Exception {
        int port = httpsServer("other.p12"); // trusted, but made out to other.example
        context.getRegistry().bind("lpTrust", trusting());

        Exchange exchange = send("sslContextParameters=#lpTrust&baseUri=https://localhost:" + port);

        assertThat(exchange.getException()).isInstanceOf(LivePersonTransportException.class)
                .hasMessageContaining("TLS handshake refused");
        assertThat(requests.get()).isZero();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        return super.createCamelContext();
    }

    @AfterEach
    void stopServers() {
        servers.forEach(s -> s.stop(0));
    }
}
