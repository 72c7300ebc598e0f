package io.github.lpconnector.camel;

import java.net.Authenticator;
import java.net.PasswordAuthentication;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.lpconnector.camel.support.LivePersonTestSupport;
import io.github.lpconnector.camel.support.MockLivePersonServer;
import io.github.lpconnector.camel.support.MockLivePersonServer.RecordedRequest;
import io.github.lpconnector.camel.support.MockLivePersonServer.Reply;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.CONVERSATION_ID;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_APP_JWT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the component's HttpClient does between the producer and the wire: no HTTP authentication of its own (a 401
 * is the producer's), and requests through a plain proxy in the absolute form a proxy needs.
 */
class HttpClientStagesTest extends LivePersonTestSupport {

    private static final String CHALLENGE = "Basic realm=\"LivePerson\"";

    /**
     * Were HttpClient to answer the challenge itself (its protocol stage does, with credentials it finds), it would
     * post the CREATE batch a second time; the JVM's default {@link Authenticator}, which enterprise applications
     * often set for their proxies, must not be such a source.
     */
    @Test
    void aChallengeIsNotAnsweredWithTheJvmsCredentials() {
        AtomicInteger asked = new AtomicInteger();
        server.otherwise(request -> Reply.status(401, MockLivePersonServer.errorBody(401, "Unauthorized",
                "Invalid AppJWT", 40102)).withHeader("WWW-Authenticate", CHALLENGE));
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
            exchange = create("maxRetries=0", e -> {
                e.setProperty(PROPERTY_APP_JWT, "exchange.app.jwt");
                e.getMessage().setBody("hello");
            });
        } finally {
            Authenticator.setDefault(null);
        }

        assertThat(exchange.getException()).isInstanceOf(LivePersonHttpException.class);
        assertThat(((LivePersonHttpException) exchange.getException()).getHttpResponseCode()).isEqualTo(401);
        assertThat(server.requestCount()).as("the batch was posted once").isEqualTo(1);
        assertThat(server.lastRequest().header("Authorization")).isEqualTo("exchange.app.jwt");
        assertThat(asked).as("the JVM's Authenticator was not asked").hasValue(0);
    }

    @Test
    void aPlainProxyGetsTheAbsoluteRequestUri() {
        String proxyPort = server.baseUri().substring(server.baseUri().lastIndexOf(':') + 1);

        // the mock server is the proxy: LivePerson's host is never resolved, only the proxy is connected to
        Exchange exchange = create("baseUri=http://lp.invalid:8089&proxyHost=127.0.0.1&proxyPort=" + proxyPort,
                "hello");

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(CONVERSATION_ID)).isNotNull();
        RecordedRequest request = server.lastRequest();
        assertThat(request.requestTarget()).isEqualTo(
                "http://lp.invalid:8089/api/account/" + ACCOUNT_ID + "/messaging/consumer/conversation?v=3");
        assertThat(request.header("Host")).isEqualTo("lp.invalid:8089");
        assertThat(request.header("Authorization")).isEqualTo(OPTION_APP_JWT);
        assertThat(types(request.json())).containsExactly("userprofile.SetUserProfile",
                "cm.ConsumerRequestConversation", "ms.PublishEvent");
    }
}
