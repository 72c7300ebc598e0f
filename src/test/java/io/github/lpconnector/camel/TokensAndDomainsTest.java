package io.github.lpconnector.camel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.lpconnector.camel.LivePersonAuthenticationException.Step;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.CONVERSATION_ID;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_APP_JWT;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_EXT_CONSUMER_ID;
import static org.assertj.core.api.Assertions.assertThat;

/** Automatic AppJWT, ConsumerJWS and domains against the emulator: caching, expiry, 401, single flight, bounds. */
class TokensAndDomainsTest extends LifecycleTestSupport {

    @Test
    void appJwtExpiringMidRunIsRenewedBeforeAnyExchangeFails() throws Exception {
        start(EMULATOR_CLOCK, c -> { // component and emulator share the clock
        });
        String conversationId = open("alan");
        for (int i = 0; i < 3; i++) {
            ok(send("send", "alan", conversationId, "before " + i));
        }

        EMULATOR_CLOCK.advance(APP_JWT_TTL); // the AppJWT is now expired for both

        for (int i = 0; i < 3; i++) {
            ok(send("send", "alan", conversationId, "after " + i));
        }
        assertThat(EMULATOR.count("sentinel", 200)).isEqualTo(2);
        assertThat(EMULATOR.count("send", 401)).isZero();
        assertThat(EMULATOR.count("send", 200)).isEqualTo(6);
        assertThat(EMULATOR.count("idp")).isEqualTo(1);
    }

    @Test
    void unauthorizedRenewsTheAppJwtAndRetriesOnce() throws Exception {
        start(); // the component's clock does not move: it believes its AppJWT valid
        String conversationId = open("edsger");

        EMULATOR_CLOCK.advance(APP_JWT_TTL.plusMinutes(1)); // LivePerson now refuses it: 401 40102

        Exchange exchange = ok(send("send", "edsger", conversationId, "still there?"));
        assertThat(exchange.getMessage().getHeader(LivePersonConnectorConstants.HTTP_STATUS)).isEqualTo(200);
        assertThat(EMULATOR.count("send", 401)).isEqualTo(1);
        assertThat(EMULATOR.count("send", 200)).isEqualTo(1);
        assertThat(EMULATOR.count("sentinel", 200)).isEqualTo(2);
        assertThat(EMULATOR.conversation(conversationId).orElseThrow().texts()).containsExactly("still there?");
    }

    @Test
    void anAppJwtGivenByTheRouteIsNotRenewed() throws Exception {
        start();
        String conversationId = open("donald");
        String routeToken = EMULATOR.issueAppJwt(ACCOUNT);
        EMULATOR_CLOCK.advance(APP_JWT_TTL.plusMinutes(1));
        long sentinelCalls = EMULATOR.count("sentinel");

        Exchange exchange = template.send("liveperson-connector:send", e -> {
            e.setProperty(PROPERTY_APP_JWT, routeToken);
            e.setProperty(PROPERTY_EXT_CONSUMER_ID, "donald");
            e.getMessage().setHeader(CONVERSATION_ID, conversationId);
            e.getMessage().setBody("hello");
        });

        assertThat(exchange.getException()).isInstanceOf(LivePersonHttpException.class);
        assertThat(((LivePersonHttpException) exchange.getException()).getErrorCode()).isEqualTo(40102);
        assertThat(EMULATOR.count("send", 401)).isEqualTo(1);
        assertThat(EMULATOR.count("sentinel")).isEqualTo(sentinelCalls);
    }

    @Test
    void concurrentExchangesShareOneTokenCallAndOneIdpCallPerConsumer() throws Exception {
        start(c -> c.setMaxConnections(200));
        // slow token and domain answers: all 100 exchanges are waiting while the first calls are in flight
        EMULATOR.faults().latency(Duration.ofMillis(300)).applyToAuthEndpoints(true);

        List<CompletableFuture<Exchange>> creates = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String consumer = "c" + i;
            creates.add(template.asyncSend("liveperson-connector:create", e -> {
                e.setProperty(PROPERTY_EXT_CONSUMER_ID, consumer);
                e.getMessage().setBody("hello from " + consumer);
            }));
        }
        List<String> conversations = new ArrayList<>();
        for (CompletableFuture<Exchange> f : creates) {
            conversations.add(ok(f.get(30, TimeUnit.SECONDS)).getMessage().getHeader(CONVERSATION_ID, String.class));
        }
        assertThat(EMULATOR.count("domain")).isEqualTo(1);
        assertThat(EMULATOR.count("sentinel")).isEqualTo(1);
        assertThat(EMULATOR.count("idp")).isEqualTo(100);

        // a cold component: 100 sends of 4 consumers at once -> one more token call, one IDP call per consumer
        context.close();
        long sentinelBefore = EMULATOR.count("sentinel");
        long idpBefore = EMULATOR.count("idp");
        long sendsBefore = EMULATOR.count("send", 200);
        start(c -> c.setMaxConnections(200));
        List<CompletableFuture<Exchange>> sends = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int n = i % 4;
            sends.add(template.asyncSend("liveperson-connector:send", e -> {
                e.setProperty(PROPERTY_EXT_CONSUMER_ID, "c" + n);
                e.getMessage().setHeader(CONVERSATION_ID, conversations.get(n));
                e.getMessage().setBody("message");
            }));
        }
        for (CompletableFuture<Exchange> f : sends) {
            ok(f.get(30, TimeUnit.SECONDS));
        }
        assertThat(EMULATOR.count("sentinel") - sentinelBefore).isEqualTo(1);
        assertThat(EMULATOR.count("idp") - idpBefore).isEqualTo(4);
        assertThat(EMULATOR.count("send", 200) - sendsBefore).isEqualTo(100);
    }

    @Test
    void consumerJwsCacheIsBoundedLeastRecentlyUsedFirst() throws Exception {
        start(c -> c.setConsumerJwsCacheSize(2));
        String first = open("a");
        open("b");
        open("c"); // evicts a
        assertThat(EMULATOR.count("idp")).isEqualTo(3);

        ok(send("send", "a", first, "a is back")); // fetched again, evicts b
        assertThat(EMULATOR.count("idp")).isEqualTo(4);
        ok(send("close", "a", first, null)); // still cached
        assertThat(EMULATOR.count("idp")).isEqualTo(4);
    }

    @Test
    void domainsAreLookedUpOnceAndAFailedLookupIsRetriedByTheNextExchange() throws Exception {
        start();
        EMULATOR.faults().statusShare(500, 1.0).applyToAuthEndpoints(true);

        Exchange failed = create("ken", "hello");

        assertThat(failed.getException()).isInstanceOf(LivePersonAuthenticationException.class);
        LivePersonAuthenticationException error = (LivePersonAuthenticationException) failed.getException();
        assertThat(error.getStep()).isEqualTo(Step.DOMAIN_LOOKUP);
        assertThat(error.getHttpResponseCode()).isEqualTo(500);
        assertThat(EMULATOR.count("sentinel")).isZero();

        EMULATOR.faults().clear();
        String conversationId = open("ken");
        for (int i = 0; i < 20; i++) {
            ok(send("send", "ken", conversationId, "message " + i));
        }
        assertThat(EMULATOR.count("domain", 500)).isEqualTo(1);
        assertThat(EMULATOR.count("domain", 200)).isEqualTo(1);
    }

    @Test
    void wrongClientSecretIsATypedAppJwtErrorWithoutTheSecret() throws Exception {
        start(c -> c.setClientSecret("not-the-secret-42"));

        Exchange exchange = create("ken", "hello");

        assertThat(exchange.getException()).isInstanceOf(LivePersonAuthenticationException.class)
                .hasMessageContaining("APP_JWT").hasMessageContaining("401")
                .hasMessageNotContaining("not-the-secret-42");
        assertThat(((LivePersonAuthenticationException) exchange.getException()).getStep()).isEqualTo(Step.APP_JWT);
        assertThat(EMULATOR.count("create")).isZero();
        // not cached: the next exchange asks Sentinel again
        create("ken", "hello");
        assertThat(EMULATOR.count("sentinel", 401)).isEqualTo(2);
    }
}
