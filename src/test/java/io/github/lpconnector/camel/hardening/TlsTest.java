package io.github.lpconnector.camel.hardening;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.lpconnector.camel.LivePersonConnectorComponent;
import io.github.lpconnector.camel.LivePersonTransportException;
import io.github.lpconnector.camel.support.ConnectProxy;
import io.github.lpconnector.camel.support.Keytool;
import io.github.lpconnector.camel.support.LivePersonTestSupport;
import org.apache.camel.Exchange;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.CONVERSATION_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLS against a local HTTPS server whose self-signed certificates are made by the JDK's keytool in a temporary
 * folder: refused without trust; accepted with {@code sslContextParameters} on the endpoint and with the global SSL
 * context, and through a proxy's tunnel; and refused, even when trusted, for a certificate made out to another host
 * name. The emulator speaks plain HTTP only: WireMock ends the TLS and hands each request on to it.
 */
class TlsTest extends LivePersonTestSupport {

    private static final String PASSWORD = "changeit";

    @TempDir
    static Path dir;

    private final List<WireMockServer> servers = new ArrayList<>();

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
        new Keytool(dir, PASSWORD).run(args);
    }

    /**
     * An HTTPS-only WireMock on loopback presenting the certificate of {@code keystore}, passing every request on to
     * the emulator; returns its port.
     */
    private int httpsServer(String keystore) {
        WireMockServer https = new WireMockServer(wireMockConfig().httpDisabled(true).dynamicHttpsPort()
                .bindAddress("127.0.0.1").keystorePath(dir.resolve(keystore).toString()).keystoreType("PKCS12")
                .keystorePassword(PASSWORD).keyManagerPassword(PASSWORD));
        servers.add(https);
        https.start();
        https.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(EMULATOR.baseUri())));
        return https.httpsPort();
    }

    /** Requests that reached the HTTPS server, so past the handshake. */
    private int httpsRequests() {
        return servers.stream().mapToInt(s -> s.findAll(anyRequestedFor(anyUrl())).size()).sum();
    }

    /** The one conversation the emulator opened. */
    private static String openedConversation() {
        assertThat(EMULATOR.conversations()).hasSize(1);
        return EMULATOR.conversations().get(0).conversationId();
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
        assertThat(httpsRequests()).isZero();
    }

    @Test
    void trustedWithEndpointSslContextParameters() throws Exception {
        int port = httpsServer("local.p12");
        context.getRegistry().bind("lpTrust", trusting());

        Exchange exchange = send("sslContextParameters=#lpTrust&baseUri=https://localhost:" + port);

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(CONVERSATION_ID)).isEqualTo(openedConversation());
        assertThat(httpsRequests()).isEqualTo(1);
    }

    @Test
    void throughAProxyTunnel() throws Exception {
        int port = httpsServer("local.p12");
        context.getRegistry().bind("lpTrust", trusting());
        try (ConnectProxy proxy = new ConnectProxy()) {

            Exchange exchange = send("sslContextParameters=#lpTrust&baseUri=https://localhost:" + port
                                     + "&proxyHost=127.0.0.1&proxyPort=" + proxy.port());

            assertThat(exchange.getException()).isNull();
            assertThat(exchange.getMessage().getHeader(CONVERSATION_ID)).isEqualTo(openedConversation());
            assertThat(proxy.requestLines()).containsExactly("CONNECT localhost:" + port + " HTTP/1.1");
            assertThat(httpsRequests()).isEqualTo(1);
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
        assertThat(httpsRequests()).isEqualTo(1);
    }

    @Test
    void globalSslContextIsIgnoredUnlessEnabled() throws Exception {
        int port = httpsServer("local.p12");
        context.setSSLContextParameters(trusting());

        Exchange exchange = send("baseUri=https://localhost:" + port);

        assertThat(exchange.getException()).isInstanceOf(LivePersonTransportException.class);
        assertThat(httpsRequests()).isZero();
    }

    @Test
    void hostNameIsVerifiedEvenForATrustedCertificate() throws Exception {
        int port = httpsServer("other.p12"); // trusted, but made out to other.example
        context.getRegistry().bind("lpTrust", trusting());

        Exchange exchange = send("sslContextParameters=#lpTrust&baseUri=https://localhost:" + port);

        assertThat(exchange.getException()).isInstanceOf(LivePersonTransportException.class)
                .hasMessageContaining("TLS handshake refused");
        assertThat(httpsRequests()).isZero();
    }

    @AfterEach
    void stopServers() {
        servers.forEach(WireMockServer::stop);
    }
}
