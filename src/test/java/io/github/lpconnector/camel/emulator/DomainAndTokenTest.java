package io.github.lpconnector.camel.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.lpconnector.camel.emulator.EmulatorClient.Answer;

class DomainAndTokenTest {

    static final String ACCOUNT = "12345678";
    static ManualClock clock = ManualClock.ofNow();
    static LiveEngageEmulator emulator;
    static EmulatorClient client;

    @BeforeAll
    static void start() {
        emulator = LiveEngageEmulator.builder().clientCredentials("my-app", "s3cret")
                .appJwtTtl(Duration.ofMinutes(30)).clock(clock).start();
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
    void defaultsAndAddresses() {
        try (LiveEngageEmulator e = LiveEngageEmulator.start()) {
            assertThat(e.clientId()).isEqualTo("emulator-client");
            assertThat(e.clientSecret()).isEqualTo("emulator-secret");
            assertThat(e.port()).isPositive();
            assertThat(e.host()).isEqualTo("127.0.0.1:" + e.port());
            assertThat(e.baseUri()).isEqualTo("http://127.0.0.1:" + e.port());
        }
    }

    @Test
    void domainLookupOfEachService() {
        for (String service : LiveEngageEmulator.SERVICES) {
            Answer a = client.get("/api/account/" + ACCOUNT + "/service/" + service + "/baseURI.json?version=1.0");
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.json().path("service").asText()).isEqualTo(service);
            assertThat(a.json().path("account").asText()).isEqualTo(ACCOUNT);
            assertThat(a.json().path("baseURI").asText()).isEqualTo(emulator.host());
        }
        assertThat(emulator.count("domain", 200)).isEqualTo(LiveEngageEmulator.SERVICES.size());
    }

    @Test
    void domainLookupOfAllServices() {
        Answer a = client.get("/api/account/" + ACCOUNT + "/service/baseURI.json?version=1.0");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().path("baseURIs").findValuesAsText("service"))
                .containsExactlyElementsOf(LiveEngageEmulator.SERVICES);
        assertThat(a.json().path("baseURIs").findValuesAsText("baseURI")).containsOnly(emulator.host());
    }

    @Test
    void domainRejectsUnknownServiceCaseMismatchAndBadVersion() {
        assertThat(client.get("/api/account/1/service/nope/baseURI.json?version=1.0").status()).isEqualTo(400);
        assertThat(client.get("/api/account/1/service/AsyncMessagingEnt/baseURI.json?version=1.0").status())
                .isEqualTo(400);
        assertThat(client.get("/api/account/1/service/IDP/baseURI.json?version=1.0").status()).isEqualTo(400);
        assertThat(client.get("/api/account/1/service/idp/baseURI.json").status()).isEqualTo(400);
        assertThat(client.get("/api/account/1/service/idp/baseURI.json?version=2.0").status()).isEqualTo(400);
        assertThat(client.get("/api/account/1/service/baseURI.json").status()).isEqualTo(400);
        assertThat(emulator.count("domain", 400)).isEqualTo(6);
    }

    @Test
    void sentinelIssuesSignedAppJwtWithCredentialsInForm() throws Exception {
        Answer a = client.postForm("/sentinel/api/account/" + ACCOUNT + "/app/token?v=1.0&grant_type=client_credentials",
                "client_id=my-app&client_secret=s3cret");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.json().path("token_type").asText()).isEqualTo("Bearer");
        assertThat(a.json().has("expires_in")).isFalse();
        JsonNode claims = verifiedClaims(a.json().path("access_token").asText(), emulator.appJwtPublicKey(),
                "appjwt-emulator");
        assertThat(claims.path("iss").asText()).isEqualTo("Sentinel");
        assertThat(claims.path("aud").asText()).isEqualTo(ACCOUNT);
        assertThat(claims.path("azp").asText()).isEqualTo("my-app");
        assertThat(claims.path("sub").asText()).isEqualTo("my-app");
        assertThat(claims.path("scope").asText()).isEqualTo("msg.consumer");
        assertThat(claims.path("jti").asText()).isNotBlank();
        Instant exp = Instant.ofEpochSecond(claims.path("exp").asLong());
        Instant iat = Instant.ofEpochSecond(claims.path("iat").asLong());
        assertThat(exp).isCloseTo(clock.instant().plus(Duration.ofMinutes(30)), within(1, ChronoUnit.SECONDS));
        assertThat(Duration.between(iat, exp)).isEqualTo(Duration.ofMinutes(30));
        assertThat(emulator.count("sentinel", 200)).isEqualTo(1);
    }

    @Test
    void sentinelAcceptsCredentialsInQuery() throws Exception {
        Answer a = client.postForm("/sentinel/api/account/" + ACCOUNT
                + "/app/token?v=1.0&grant_type=client_credentials&client_id=my-app&client_secret=s3cret", "");
        assertThat(a.status()).isEqualTo(200);
        verifiedClaims(a.json().path("access_token").asText(), emulator.appJwtPublicKey(), "appjwt-emulator");
    }

    @Test
    void sentinelRejectsWrongCredentialsAndGrant() {
        Answer wrong = client.postForm("/sentinel/api/account/" + ACCOUNT
                + "/app/token?v=1.0&grant_type=client_credentials", "client_id=my-app&client_secret=nope");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().path("error").asText()).isEqualTo("invalid_client");
        Answer none = client.postForm("/sentinel/api/account/" + ACCOUNT
                + "/app/token?v=1.0&grant_type=client_credentials", "");
        assertThat(none.status()).isEqualTo(401);
        Answer grant = client.postForm("/sentinel/api/account/" + ACCOUNT + "/app/token?v=1.0&grant_type=password",
                "client_id=my-app&client_secret=s3cret");
        assertThat(grant.status()).isEqualTo(400);
        assertThat(grant.json().path("error").asText()).isEqualTo("unsupported_grant_type");
        assertThat(emulator.count("sentinel", 401)).isEqualTo(2);
        assertThat(emulator.count("sentinel")).isEqualTo(3);
    }

    @Test
    void idpIssuesStableConsumerJws() throws Exception {
        String appJwt = emulator.issueAppJwt(ACCOUNT);
        Answer first = client.idp(ACCOUNT, appJwt, "{\"ext_consumer_id\":\"user-1\"}");
        Answer again = client.idp(ACCOUNT, appJwt, "{\"ext_consumer_id\":\"user-1\"}");
        Answer other = client.idp(ACCOUNT, appJwt, "{\"ext_consumer_id\":\"user-2\"}");
        assertThat(first.status()).isEqualTo(201);
        JsonNode claims = verifiedClaims(first.json().path("token").asText(), emulator.consumerJwsPublicKey(),
                "consumerjws-emulator");
        assertThat(claims.has("exp")).isFalse();
        assertThat(claims.path("account_id").asText()).isEqualTo(ACCOUNT);
        assertThat(claims.path("ext_consumer_id").asText()).isEqualTo("user-1");
        String lp = claims.path("lp_consumer_id").asText();
        assertThat(lp).isEqualTo(emulator.lpConsumerId(ACCOUNT, "user-1")).isNotBlank();
        assertThat(again.json().path("token").asText()).isEqualTo(first.json().path("token").asText());
        assertThat(verifiedClaims(other.json().path("token").asText(), emulator.consumerJwsPublicKey(),
                "consumerjws-emulator").path("lp_consumer_id").asText()).isNotEqualTo(lp);
        assertThat(emulator.count("idp", 201)).isEqualTo(3);
    }

    @Test
    void idpRejectsMissingOrInvalidAppJwt() {
        Answer missing = client.idp(ACCOUNT, null, "{\"ext_consumer_id\":\"u\"}");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.errorCode()).isEqualTo(40105);
        Answer invalid = client.idp(ACCOUNT, "not.a.jwt", "{\"ext_consumer_id\":\"u\"}");
        assertThat(invalid.status()).isEqualTo(401);
        assertThat(invalid.errorCode()).isEqualTo(40102);
        assertThat(invalid.json().path("type").asText()).isEqualTo(".ReqBody$ErrorResp");
        Answer otherAccount = client.idp(ACCOUNT, emulator.issueAppJwt("999"), "{\"ext_consumer_id\":\"u\"}");
        assertThat(otherAccount.status()).isEqualTo(401);
        Answer noExt = client.idp(ACCOUNT, emulator.issueAppJwt(ACCOUNT), "{}");
        assertThat(noExt.status()).isEqualTo(400);
        assertThat(noExt.errorCode()).isEqualTo(40001);
    }

    @Test
    void appJwtFromAnotherEmulatorIsInvalid() {
        try (LiveEngageEmulator other = LiveEngageEmulator.start()) {
            Answer a = client.idp(ACCOUNT, other.issueAppJwt(ACCOUNT), "{\"ext_consumer_id\":\"u\"}");
            assertThat(a.status()).isEqualTo(401);
            assertThat(a.errorCode()).isEqualTo(40102);
            JsonNode body = a.json().path("body");
            assertThat(body.path("title").asText()).isEqualTo("Invalid AppJWT");
        }
    }

    @Test
    void unknownPathIs404() {
        assertThat(client.get("/nothing/here").status()).isEqualTo(404);
    }

    /**
     * The claims of {@code token}, checked with the JDK alone: three base64url parts without padding, header alg
     * RS256 and {@code kid}, an SHA256withRSA signature that {@code key} verifies.
     */
    static JsonNode verifiedClaims(String token, RSAPublicKey key, String kid) throws Exception {
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(token).doesNotContain("=");
        Base64.Decoder base64url = Base64.getUrlDecoder();
        JsonNode header = EmulatorClient.MAPPER.readTree(base64url.decode(parts[0]));
        assertThat(header.path("alg").asText()).isEqualTo("RS256");
        assertThat(header.path("kid").asText()).isEqualTo(kid);
        assertThat(header.path("typ").asText()).isEqualTo("JWT");
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(key);
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rsa.verify(base64url.decode(parts[2]))).as("signature verified by the public key").isTrue();
        return EmulatorClient.MAPPER.readTree(base64url.decode(parts[1]));
    }
}
