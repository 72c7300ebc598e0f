package io.github.lpconnector.camel.emulator;

import static io.github.lpconnector.camel.emulator.EmulatorClient.createBody;
import static io.github.lpconnector.camel.emulator.EmulatorClient.profile;
import static io.github.lpconnector.camel.emulator.EmulatorClient.publishText;
import static io.github.lpconnector.camel.emulator.EmulatorClient.requestConversation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.lpconnector.camel.emulator.EmulatorClient.Answer;

class CreateTest {

    static final String ACCOUNT = "42";
    static final ManualClock clock = ManualClock.ofNow();
    static LiveEngageEmulator emulator;
    static EmulatorClient client;

    @BeforeAll
    static void start() {
        emulator = LiveEngageEmulator.builder().clock(clock).start();
        client = new EmulatorClient(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.reset();
    }

    @Test
    void happyPathStoresConversationProfileAndFirstMessage() {
        Answer a = client.create(ACCOUNT, "alice", createBody(ACCOUNT, "Hello"));
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json()).hasSize(3);
        assertThat(a.json().get(0).path("reqId").asText()).isEqualTo("c1");
        assertThat(a.item("c1").path("code").asText()).isEqualTo("OK");
        assertThat(a.item("c1").path("body").path("msg").asText()).isEqualTo("OK User Profile set successfully");
        String convId = a.item("c2").path("body").path("conversationId").asText();
        assertThat(convId).matches("[0-9a-f-]{36}");
        assertThat(a.item("c3").path("code").asText()).isEqualTo("OK");
        assertThat(a.item("c3").path("body").path("sequence").asInt(-1)).isZero();

        EmulatedConversation c = emulator.conversation(convId).orElseThrow();
        assertThat(c.accountId()).isEqualTo(ACCOUNT);
        assertThat(c.brandId()).isEqualTo(ACCOUNT);
        assertThat(c.extConsumerId()).isEqualTo("alice");
        assertThat(c.lpConsumerId()).isEqualTo(emulator.lpConsumerId(ACCOUNT, "alice"));
        assertThat(c.state()).isEqualTo("OPEN");
        assertThat(c.request().path("skillId").asText()).isEqualTo("-1");
        assertThat(c.userProfile().path("firstName").asText()).isEqualTo("Ada");
        assertThat(c.messages()).hasSize(1);
        assertThat(c.messages().get(0).sequence()).isZero();
        assertThat(c.texts()).containsExactly("Hello");
        assertThat(c.createdAt()).isEqualTo(clock.instant());
        assertThat(emulator.conversations()).extracting(EmulatedConversation::conversationId).containsExactly(convId);
        assertThat(emulator.count("create", 200)).isEqualTo(1);
    }

    @Test
    void createWithoutFirstMessageAndDocIds() {
        // the documented ids "2," and "1," are opaque strings
        String body = "[" + profile("2,") + "," + requestConversation("1,", ACCOUNT) + "]";
        Answer a = client.create(ACCOUNT, "bob", body);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json()).hasSize(2);
        String convId = a.item("1,").path("body").path("conversationId").asText();
        assertThat(emulator.conversation(convId)).get().extracting(EmulatedConversation::messages)
                .asList().isEmpty();
    }

    @Test
    void integerAndRepeatedIdsOfLivePersonsExamplesAreAccepted() {
        // DC examples/6_example_cmp_routing.md sends "1," twice; api-overview.md and the close example use "id": 1
        String body = "[" + profile("1,") + "," + requestConversation("1,", ACCOUNT) + ","
                + publishText("x", "hi").replace("\"id\":\"x\"", "\"id\":3") + "]";
        Answer a = client.create(ACCOUNT, "dora", body);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json()).hasSize(3);
        assertThat(a.json().get(0).path("reqId").asText()).isEqualTo("1,");
        assertThat(a.json().get(1).path("reqId").asText()).isEqualTo("1,");
        assertThat(a.json().get(1).path("body").path("conversationId").isTextual()).isTrue();
        assertThat(a.json().get(2).path("reqId").isTextual()).isTrue();
        assertThat(a.json().get(2).path("reqId").asText()).isEqualTo("3");
        assertThat(a.json().get(2).path("body").path("sequence").asInt(-1)).isZero();
    }

    @Test
    void answersReversedWhenAsked() {
        emulator.answersReversed(true);
        Answer a = client.create(ACCOUNT, "carol", createBody(ACCOUNT, "Hi"));
        assertThat(a.json().get(0).path("reqId").asText()).isEqualTo("c3");
        assertThat(a.json().get(2).path("reqId").asText()).isEqualTo("c1");
        assertThat(a.item("c2").path("body").has("conversationId")).isTrue();
    }

    @Test
    void authErrorsInDocumentedOrder() {
        String body = createBody(ACCOUNT, null);
        String jwt = emulator.issueAppJwt(ACCOUNT);
        String jws = emulator.issueConsumerJws(ACCOUNT, "dave");
        // nothing: AppJWT is missing (40105, the table; the doc example says 40104)
        Answer none = EmulatorClient.call(client.createRequest(ACCOUNT, null, null, body));
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().path("kind").asText()).isEqualTo("resp");
        assertThat(none.json().path("code").asInt()).isEqualTo(401);
        assertThat(none.json().path("type").asText()).isEqualTo(".ReqBody$ErrorResp");
        assertThat(none.errorCode()).isEqualTo(40105);
        assertThat(none.json().path("body").path("title").asText()).isEqualTo("AppJWT is missing");
        // bad AppJWT beats missing JWS
        Answer bad = EmulatorClient.call(client.createRequest(ACCOUNT, jwt.substring(0, jwt.length() - 4) + "AAAA",
                null, body));
        assertThat(bad.errorCode()).isEqualTo(40102);
        // good AppJWT, no JWS
        Answer noJws = EmulatorClient.call(client.createRequest(ACCOUNT, jwt, null, body));
        assertThat(noJws.status()).isEqualTo(401);
        assertThat(noJws.errorCode()).isEqualTo(40104);
        assertThat(noJws.json().path("body").path("title").asText()).isEqualTo("ConsumerJWS is missing");
        // bad JWS
        Answer badJws = EmulatorClient.call(client.createRequest(ACCOUNT, jwt, "x.y.z", body));
        assertThat(badJws.errorCode()).isEqualTo(40103);
        // AppJWT used as JWS (signed with the other key)
        Answer swapped = EmulatorClient.call(client.createRequest(ACCOUNT, jwt, jwt, body));
        assertThat(swapped.errorCode()).isEqualTo(40103);
        // JWS of another account
        Answer otherJws = EmulatorClient.call(client.createRequest(ACCOUNT, jwt,
                emulator.issueConsumerJws("other", "dave"), body));
        assertThat(otherJws.errorCode()).isEqualTo(40103);
        // AppJWT of another account
        Answer otherJwt = EmulatorClient.call(client.createRequest(ACCOUNT, emulator.issueAppJwt("other"), jws,
                body));
        assertThat(otherJwt.errorCode()).isEqualTo(40102);
        // Bearer prefix refused by default
        Answer bearer = EmulatorClient.call(client.createRequest(ACCOUNT, "Bearer " + jwt, jws, body));
        assertThat(bearer.errorCode()).isEqualTo(40102);
        assertThat(emulator.count("create", 401)).isEqualTo(8);
        assertThat(emulator.conversations()).isEmpty();
    }

    @Test
    void expiredAppJwtIsRejectedWithoutWaiting() {
        String jwt = emulator.issueAppJwt(ACCOUNT);
        String jws = emulator.issueConsumerJws(ACCOUNT, "erin");
        clock.advance(Duration.ofMinutes(59));
        Answer stillValid = EmulatorClient.call(client.createRequest(ACCOUNT, jwt, jws, createBody(ACCOUNT, null)));
        assertThat(stillValid.status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(2));
        Answer expired = EmulatorClient.call(client.createRequest(ACCOUNT, jwt, jws, createBody(ACCOUNT, null)));
        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.errorCode()).isEqualTo(40102);
        assertThat(expired.json().path("body").path("details").asText()).isEqualTo("expired");
    }

    @Test
    void appJwtWithoutSentinelIssuerIsMissingParameter() {
        Map<String, Object> claims = Map.of("iss", "Somebody", "aud", ACCOUNT, "exp",
                clock.instant().plusSeconds(600).getEpochSecond());
        Answer a = EmulatorClient.call(client.createRequest(ACCOUNT, emulator.signAppJwt(claims),
                emulator.issueConsumerJws(ACCOUNT, "f"), createBody(ACCOUNT, null)));
        assertThat(a.status()).isEqualTo(400);
        assertThat(a.errorCode()).isEqualTo(40001);
    }

    @Test
    void bearerPrefixToleratedWhenConfigured() {
        try (LiveEngageEmulator lenient = LiveEngageEmulator.builder().acceptBearerPrefix(true).start()) {
            EmulatorClient c = new EmulatorClient(lenient);
            Answer a = EmulatorClient.call(c.createRequest(ACCOUNT, "Bearer " + lenient.issueAppJwt(ACCOUNT),
                    lenient.issueConsumerJws(ACCOUNT, "g"), createBody(ACCOUNT, null)));
            assertThat(a.status()).isEqualTo(200);
        }
    }

    @Test
    void invalidBatchesAre400() {
        String p = profile("a");
        String r = requestConversation("b", ACCOUNT);
        String m = publishText("c", "x");
        assertBad("[" + r + "," + p + "]", 40003, "order");
        assertBad("[" + p + "]", 40003, "2 or 3");
        assertBad("[" + p + "," + r + "," + m + "," + publishText("d", "y") + "]", 40003, "2 or 3");
        assertBad("[]", 40003, null);
        assertBad(p, 40003, "array");
        assertBad("[" + p + "," + r.replace("cm.ConsumerRequestConversation", "cm.Nope") + "]", 40004, "cm.Nope");
        assertBad("[" + p + "," + requestConversation("b", ACCOUNT).replace("\"brandId\":\"42\",", "") + "]", 40001,
                "Brand Id is missing");
        assertBad("[" + p + "," + requestConversation("b", "777") + "]", 40006, "777");
        assertBad("[" + p.replace("\"id\":\"a\"", "\"id\":1.5") + "," + r + "]", 40005, "integer");
        assertBad("[" + p.replace("\"id\":\"a\"", "\"id\":true") + "," + r + "]", 40005, "integer");
        assertBad("[" + p.replace("\"id\":\"a\"", "\"id\":\"" + "x".repeat(65) + "\"") + "," + r + "]", 40005,
                null);
        assertBad("[" + p + "," + r, 40002, "malformed");
        assertBad("not json", 40002, "malformed");
        assertThat(emulator.conversations()).isEmpty();
        assertThat(emulator.count("create", 400)).isEqualTo(13);
    }

    @Test
    void wrongVersionAndContentType() {
        String jwt = emulator.issueAppJwt(ACCOUNT);
        String jws = emulator.issueConsumerJws(ACCOUNT, "h");
        Answer v = EmulatorClient.call(client.sendApiRequest("/api/account/" + ACCOUNT
                + "/messaging/consumer/conversation?v=2", jwt, jws, createBody(ACCOUNT, null)));
        assertThat(v.status()).isEqualTo(400);
        assertThat(v.errorCode()).isEqualTo(40007);
        Answer noV = EmulatorClient.call(client.sendApiRequest("/api/account/" + ACCOUNT
                + "/messaging/consumer/conversation", jwt, jws, createBody(ACCOUNT, null)));
        assertThat(noV.status()).isEqualTo(400);
        Answer text = EmulatorClient.call(client.createRequest(ACCOUNT, jwt, jws, createBody(ACCOUNT, null))
                .setHeader("Content-Type", "text/plain"));
        assertThat(text.status()).isEqualTo(415);
        Answer charset = EmulatorClient.call(client.createRequest(ACCOUNT, jwt, jws, createBody(ACCOUNT, null))
                .setHeader("Content-Type", "application/json; charset=UTF-8"));
        assertThat(charset.status()).isEqualTo(200);
        Answer get = EmulatorClient.call(client.createRequest(ACCOUNT, jwt, jws, "").GET());
        assertThat(get.status()).isEqualTo(405);
    }

    @Test
    void invalidFirstMessageFailsItsItemButConversationIsCreated() {
        String badEvent = "{\"kind\":\"req\",\"id\":\"c3\",\"type\":\"ms.PublishEvent\",\"body\":{\"event\":"
                + "{\"type\":\"ContentEvent\",\"contentType\":\"text/plain\"}}}";
        for (String event : List.of(badEvent, badEvent.replace("ContentEvent", "WeirdEvent"))) {
            emulator.reset();
            String body = "[" + profile("c1") + "," + requestConversation("c2", ACCOUNT) + "," + event + "]";
            Answer a = client.create(ACCOUNT, "ivan", body);
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.item("c1").path("code").asText()).isEqualTo("OK");
            String convId = a.item("c2").path("body").path("conversationId").asText();
            assertThat(convId).isNotEmpty();
            JsonNode item = a.item("c3");
            assertThat(item.path("code").asInt()).isEqualTo(400);
            assertThat(item.path("body").path("errorCode").asInt()).isEqualTo(40008);
            EmulatedConversation c = emulator.conversation(convId).orElseThrow();
            assertThat(c.isOpen()).isTrue();
            assertThat(c.messages()).isEmpty();
        }
    }

    @Test
    void secondOpenConversationOfSameConsumerFailsItsItem() {
        String first = client.open(ACCOUNT, "judy", null);
        Answer second = client.create(ACCOUNT, "judy", createBody(ACCOUNT, "again"));
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.item("c1").path("code").asText()).isEqualTo("OK");
        assertThat(second.item("c2").path("code").asInt()).isEqualTo(400);
        assertThat(second.item("c2").path("body").has("conversationId")).isFalse();
        assertThat(second.item("c2").path("body").path("errorCode").asInt()).isEqualTo(40011);
        assertThat(second.item("c2").path("body").path("details").asText()).contains("already has an open");
        assertThat(second.item("c3").path("code").asInt()).isEqualTo(400);
        assertThat(emulator.conversations()).hasSize(1);
        // another consumer may open one
        String other = client.open(ACCOUNT, "ken", null);
        assertThat(other).isNotEqualTo(first);
        // after closing, the same consumer may open a new one
        assertThat(client.send(ACCOUNT, "judy", EmulatorClient.close("x", first)).status()).isEqualTo(200);
        String third = client.open(ACCOUNT, "judy", "back");
        assertThat(third).isNotEqualTo(first);
        assertThat(emulator.conversations()).hasSize(3);
    }

    @Test
    void multipleOpenConversationsSwitchLetsOneConsumerOpenSeveral() {
        try (LiveEngageEmulator lenient = LiveEngageEmulator.builder().clock(clock).multipleOpenConversations(true)
                .start()) {
            EmulatorClient lenientClient = new EmulatorClient(lenient);
            String first = lenientClient.open(ACCOUNT, "judy", "one");
            Answer second = lenientClient.create(ACCOUNT, "judy", createBody(ACCOUNT, "two"));
            assertThat(second.item("c2").path("code").asText()).isEqualTo("OK");
            String secondId = second.item("c2").path("body").path("conversationId").asText();
            assertThat(secondId).isNotEqualTo(first).matches("[0-9a-f-]{36}");
            assertThat(second.item("c3").path("code").asText()).isEqualTo("OK");
            assertThat(lenient.conversations()).hasSize(2).allMatch(EmulatedConversation::isOpen);
        }
        // the default stays LivePerson's rule
        client.open(ACCOUNT, "judy", null);
        assertThat(client.create(ACCOUNT, "judy", createBody(ACCOUNT, "again")).item("c2").path("code").asInt())
                .isEqualTo(400);
    }

    @Test
    void forgetConversationsEveryEmptiesTheStoreWhileServing() {
        try (LiveEngageEmulator forgetful = LiveEngageEmulator.builder().clock(clock).multipleOpenConversations(true)
                .forgetConversationsEvery(Duration.ofMillis(20)).start()) {
            EmulatorClient forgetfulClient = new EmulatorClient(forgetful);
            String first = forgetfulClient.open(ACCOUNT, "judy", "one");
            await().atMost(Duration.ofSeconds(10)).until(() -> forgetful.conversation(first).isEmpty());
            // forgotten means unknown: a SEND to it is refused, and CREATE still works
            Answer send = forgetfulClient.send(ACCOUNT, "judy", EmulatorClient.publish("s", first, SendTest.TEXT));
            assertThat(send.status()).isEqualTo(400);
            assertThat(send.errorCode()).isEqualTo(40009);
            assertThat(forgetfulClient.open(ACCOUNT, "judy", "two")).matches("[0-9a-f-]{36}");
            assertThat(forgetful.count("create", 200)).isEqualTo(2); // counters are kept
        }
        assertThatThrownBy(() -> LiveEngageEmulator.builder().forgetConversationsEvery(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void assertBad(String body, int errorCode, String detailsFragment) {
        Answer a = client.create(ACCOUNT, "zed", body);
        assertThat(a.status()).as(body).isEqualTo(400);
        assertThat(a.errorCode()).as(a.response().body()).isEqualTo(errorCode);
        assertThat(a.json().path("type").asText()).isEqualTo(".ReqBody$ErrorResp");
        if (detailsFragment != null) {
            assertThat(a.json().path("body").path("details").asText()).contains(detailsFragment);
        }
    }
}
