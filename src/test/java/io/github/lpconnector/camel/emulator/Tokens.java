package io.github.lpconnector.camel.emulator;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Issues and verifies the AppJWTs (Sentinel) and ConsumerJWSs (IDP): RS256 tokens signed with two RSA 2048 key pairs
 * generated at start, so tokens of one emulator are invalid at another.
 * <p>
 * Tokens whose signature verified are remembered (only those, so what is remembered is bounded by what the emulator
 * issued): a load test presents the same two tokens on every request, and an RSA verification per request would make
 * the emulator's I/O threads the bottleneck. Expiry is checked on every use.
 */
final class Tokens {

    static final String SENTINEL_ISSUER = "Sentinel";
    static final String APP_JWT_KID = "appjwt-emulator";
    static final String CONSUMER_JWS_KID = "consumerjws-emulator";
    /** Remembered tokens of each kind; past it the memory starts afresh. */
    private static final int REMEMBERED_LIMIT = 200_000;

    /** A verified ConsumerJWS identity. */
    record ConsumerIdentity(String accountId, String extConsumerId, String lpConsumerId) {
    }

    private final KeyPair appKeys = newRsaKeyPair();
    private final KeyPair consumerKeys = newRsaKeyPair();
    private final Clock clock;
    private final Map<String, JsonNode> verifiedAppJwts = new ConcurrentHashMap<>();
    private final Map<String, ConsumerIdentity> verifiedConsumerJws = new ConcurrentHashMap<>();

    Tokens(Clock clock) {
        this.clock = clock;
    }

    RSAPublicKey appJwtPublicKey() {
        return (RSAPublicKey) appKeys.getPublic();
    }

    RSAPublicKey consumerJwsPublicKey() {
        return (RSAPublicKey) consumerKeys.getPublic();
    }

    /**
     * Claims like LivePerson's sample AppJWT: iss Sentinel, aud = account, sub and azp = client id, scope
     * msg.consumer, accountId, jti, iat and exp (seconds since the epoch).
     */
    String issueAppJwt(String accountId, String clientId, Duration ttl) {
        Instant now = clock.instant();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", SENTINEL_ISSUER);
        claims.put("aud", accountId);
        claims.put("sub", clientId);
        claims.put("azp", clientId);
        claims.put("scope", "msg.consumer");
        claims.put("accountId", accountId);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(ttl).getEpochSecond());
        return signAppJwt(claims);
    }

    /** Signs arbitrary claims with the AppJWT key (for tests of claim checks). */
    String signAppJwt(Map<String, Object> claims) {
        return Jws.sign(appKeys.getPrivate(), APP_JWT_KID, claims);
    }

    /**
     * Claims account_id, ext_consumer_id and lp_consumer_id, no expiry. RS256 signatures are deterministic, so the
     * same consumer always gets the same token.
     */
    String issueConsumerJws(String accountId, String extConsumerId) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("account_id", accountId);
        claims.put("ext_consumer_id", extConsumerId);
        claims.put("lp_consumer_id", lpConsumerId(accountId, extConsumerId));
        return Jws.sign(consumerKeys.getPrivate(), CONSUMER_JWS_KID, claims);
    }

    static String lpConsumerId(String accountId, String extConsumerId) {
        return UUID.nameUUIDFromBytes(("lp-consumer:" + accountId + ':' + extConsumerId)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** @return the claims if the signature is valid (expiry NOT checked), else null */
    JsonNode verifyAppJwt(String token) {
        JsonNode claims = verifiedAppJwts.get(token);
        if (claims == null) {
            claims = Jws.verify(token, appKeys.getPublic());
            remember(verifiedAppJwts, token, claims);
        }
        return claims;
    }

    /** @return the identity if the signature is valid and all three claims are strings, else null */
    ConsumerIdentity verifyConsumerJws(String token) {
        ConsumerIdentity identity = verifiedConsumerJws.get(token);
        if (identity == null) {
            JsonNode claims = Jws.verify(token, consumerKeys.getPublic());
            JsonNode account = claims == null ? null : claims.get("account_id");
            JsonNode ext = claims == null ? null : claims.get("ext_consumer_id");
            JsonNode lp = claims == null ? null : claims.get("lp_consumer_id");
            if (account == null || !account.isTextual() || ext == null || !ext.isTextual() || lp == null
                    || !lp.isTextual()) {
                return null;
            }
            identity = new ConsumerIdentity(account.asText(), ext.asText(), lp.asText());
            remember(verifiedConsumerJws, token, identity);
        }
        return identity;
    }

    /** Whether the claim {@code aud}, one string or an array of strings, names {@code accountId}. */
    static boolean audienceContains(JsonNode claims, String accountId) {
        JsonNode aud = claims.path("aud");
        if (aud.isArray()) {
            for (JsonNode a : aud) {
                if (accountId.equals(a.asText())) {
                    return true;
                }
            }
            return false;
        }
        return aud.isTextual() && accountId.equals(aud.asText());
    }

    private static <T> void remember(Map<String, T> verified, String token, T value) {
        if (value == null) {
            return;
        }
        if (verified.size() > REMEMBERED_LIMIT) {
            verified.clear();
        }
        verified.put(token, value);
    }

    private static KeyPair newRsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot create the emulator's RSA keys", e);
        }
    }
}
