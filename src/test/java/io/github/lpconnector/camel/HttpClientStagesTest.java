package io.github.lpconnector.camel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Authenticator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.lpconnector.camel.emulator.RecordedRequest;
import io.github.lpconnector.camel.support.LivePersonTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.CONVERSATION_ID;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_APP_JWT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the component's HttpClient does between the producer and the wire: no HTTP authentication of its own (a 401
 * is the producer's), and requests through a plain proxy in the absolute form a proxy needs. WireMock sends the
 * {@code WWW-Authenticate} challenge LivePerson does not; a JDK HttpServer plays the proxy, because only it shows the
 * request target as it came on the request line.
 */
class HttpClientStagesTest extends LivePersonTestSupport {

    private static final String CHALLENGE = "Basic realm=\"LivePerson\"";

    @RegisterExtension
    static final WireMockExtension WIREMOCK = wireMock();

    /**
     * Were HttpClient to answer the challenge itself (its protocol stage does, with credentials it finds), it would
     * post the CREATE batch a second time; the JVM's default {@link Authenticator}, which enterprise applications
     * often set for their proxies, must not be such a source.
     */
    @Test
    void aChallengeIsNotAnsweredWithTheJvmsCredentials() {
        AtomicInteger asked = new AtomicInteger();
        WIREMOCK.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withHeader("WWW-Authenticate", CHALLENGE)
                .withBody(errorBody(401, "Unauthorized", "Invalid AppJWT", 40102))));
        Authenticator.setDefault(new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                asked.incrementAndGet();
                return new PasswordAuthentication("jvm-user", "jvm-password".toCharArray());
            }
        });
        Exchange exchange;
        try {
            // a token of the exchange: the producer itself does not renew it after a 401
            exchange = create("maxRetries=0&baseUri=" + WIREMOCK.baseUrl(), e -> {
                e.setProperty(PROPERTY_APP_JWT, "exchange.app.jwt");
                e.getMessage().setBody("hello");
            });
        } finally {
            Authenticator.setDefault(null);
        }

        assertThat(exchange.getException()).isInstanceOf(LivePersonHttpException.class);
        assertThat(((LivePersonHttpException) exchange.getException()).getHttpResponseCode()).isEqualTo(401);
        List<LoggedRequest> posted = WIREMOCK.findAll(postRequestedFor(anyUrl()));
        assertThat(posted).as("the batch was posted once").hasSize(1);
        assertThat(posted.get(0).getHeader("Authorization")).isEqualTo("exchange.app.jwt");
        assertThat(asked).as("the JVM's Authenticator was not asked").hasValue(0);
    }

    @Test
    void aPlainProxyGetsTheAbsoluteRequestUri() throws IOException {
        try (ForwardingProxy proxy = new ForwardingProxy(EMULATOR.baseUri())) {

            // LivePerson's host is never resolved, only the proxy is connected to; it forwards to the emulator
            Exchange exchange = create("baseUri=http://lp.invalid:8089&proxyHost=127.0.0.1&proxyPort=" + proxy.port(),
                    "hello");

            assertThat(exchange.getException()).isNull();
            assertThat(exchange.getMessage().getHeader(CONVERSATION_ID)).isNotNull();
            assertThat(proxy.requestTargets).containsExactly(
                    "http://lp.invalid:8089" + CREATE_PATH + "?v=3");
            assertThat(proxy.hosts).containsExactly("lp.invalid:8089");
        }
        RecordedRequest request = lastRequest();
        assertThat(request.path()).isEqualTo(CREATE_PATH);
        assertThat(request.header("Authorization")).isEqualTo(optionAppJwt);
        assertThat(types(request.json())).containsExactly("userprofile.SetUserProfile",
                "cm.ConsumerRequestConversation", "ms.PublishEvent");
    }

    /**
     * A plain HTTP proxy on loopback: records the request target of each request line and its Host header, and
     * forwards the request to {@code target} (whatever host it names).
     */
    private static final class ForwardingProxy implements AutoCloseable {

        /** Headers the JDK client sets itself. */
        private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "expect",
                "upgrade", "proxy-connection", "keep-alive", "te", "trailer", "transfer-encoding");

        final List<String> requestTargets = new CopyOnWriteArrayList<>();
        final List<String> hosts = new CopyOnWriteArrayList<>();
        private final String target;
        private final HttpClient client = HttpClient.newHttpClient();
        private final HttpServer server;

        ForwardingProxy(String target) throws IOException {
            this.target = target;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            server.createContext("/", this::forward);
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        private void forward(HttpExchange exchange) throws IOException {
            try (exchange) {
                URI asked = exchange.getRequestURI();
                requestTargets.add(asked.toString());
                hosts.add(exchange.getRequestHeaders().getFirst("Host"));
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + asked.getRawPath()
                        + (asked.getRawQuery() == null ? "" : "?" + asked.getRawQuery())))
                        .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
                exchange.getRequestHeaders().forEach((name, values) -> {
                    if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                        values.forEach(value -> request.header(name, value));
                    }
                });
                HttpResponse<byte[]> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                answer.headers().firstValue("Content-Type")
                        .ifPresent(type -> exchange.getResponseHeaders().add("Content-Type", type));
                exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer.body());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
