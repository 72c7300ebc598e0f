package io.github.lpconnector.camel.emulator;

import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Issues and verifies the AppJWTs (Sentinel) and ConsumerJWSs (IDP). Two RSA key pairs generated at start; signers and
 * verifiers are created once. Verified tokens are cached (only tokens with a valid signature, so the cache is bounded
 * by what the emulator issued); expiry is checked on every use.
 */
final class Tokens {

    static final String SENTINEL_ISSUER = "Sentinel";
    static final String APP_JWT_KID = "appjwt-emulator";
    static final String CONSUMER_JWS_KID = "consumerjws-emulator";
    private static final int CACHE_LIMIT = 200_000;

    /** A verified ConsumerJWS identity. */
    record ConsumerIdentity(String accountId, String extConsumerId, String lpConsumerId) {
    }

    private final RSAKey appKey;
    private final RSAKey consumerKey;
    private final JWSSigner appSigner;
    private final JWSSigner consumerSigner;
    private final JWSVerifier appVerifier;
    private final JWSVerifier consumerVerifier;
    private final Clock clock;
    private final ConcurrentHashMap<String, JWTClaimsSet> verifiedAppJwts = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ConsumerIdentity> verifiedConsumerJws = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> issuedConsumerJws = new ConcurrentHashMap<>();

    Tokens(Clock clock) {
        this.clock = clock;
        try {
            appKey = new RSAKeyGenerator(2048).keyID(APP_JWT_KID).generate();
            consumerKey = new RSAKeyGenerator(2048).keyID(CONSUMER_JWS_KID).generate();
            appSigner = new RSASSASigner(appKey);
            consumerSigner = new RSASSASigner(consumerKey);
            appVerifier = new RSASSAVerifier(appKey.toRSAPublicKey());
            consumerVerifier = new RSASSAVerifier(consumerKey.toRSAPublicKey());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot create the emulator's RSA keys", e);
        }
    }

    RSAPublicKey appJwtPublicKey() {
        try {
            return appKey.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    RSAPublicKey consumerJwsPublicKey() {
        try {
            return consumerKey.toRSAPublicKey();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Claims like LivePerson's sample AppJWT: iss Sentinel, aud = account, azp = client id, scope msg.consumer. */
    String issueAppJwt(String accountId, String clientId, Duration ttl) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(SENTINEL_ISSUER)
                .audience(accountId)
                .subject(clientId)
                .claim("azp", clientId)
                .claim("scope", "msg.consumer")
                .claim("accountId", accountId)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .build();
        return sign(appSigner, APP_JWT_KID, claims);
    }

    /** Signs arbitrary claims with the AppJWT key (for tests of claim checks). */
    String signAppJwt(JWTClaimsSet claims) {
        return sign(appSigner, APP_JWT_KID, claims);
    }

    String issueConsumerJws(String accountId, String extConsumerId) {
        return issuedConsumerJws.computeIfAbsent(accountId + '\u0000' + extConsumerId, k -> {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .claim("account_id", accountId)
                    .claim("ext_consumer_id", extConsumerId)
                    .claim("lp_consumer_id", lpConsumerId(accountId, extConsumerId))
                    .build();
            return sign(consumerSigner, CONSUMER_JWS_KID, claims);
        });
    }

    static String lpConsumerId(String accountId, String extConsumerId) {
        return UUID.nameUUIDFromBytes(("lp-consumer:" + accountId + ':' + extConsumerId)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /** @return the claims if the signature is valid (expiry NOT checked), else null */
    JWTClaimsSet verifyAppJwt(String token) {
        JWTClaimsSet cached = verifiedAppJwts.get(token);
        if (cached != null) {
            return cached;
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(appVerifier)) {
                return null;
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (verifiedAppJwts.size() > CACHE_LIMIT) {
                verifiedAppJwts.clear();
            }
            verifiedAppJwts.put(token, claims);
            return claims;
        } catch (ParseException | JOSEException | RuntimeException e) {
            return null;
        }
    }

    /** @return the identity if the signature is valid and all claims are present, else null */
    ConsumerIdentity verifyConsumerJws(String token) {
        ConsumerIdentity cached = verifiedConsumerJws.get(token);
        if (cached != null) {
            return cached;
        }
        try {
            SignedJWT jws = SignedJWT.parse(token);
            if (!JWSAlgorithm.RS256.equals(jws.getHeader().getAlgorithm()) || !jws.verify(consumerVerifier)) {
                return null;
            }
            JWTClaimsSet c = jws.getJWTClaimsSet();
            String account = c.getStringClaim("account_id");
            String ext = c.getStringClaim("ext_consumer_id");
            String lp = c.getStringClaim("lp_consumer_id");
            if (account == null || ext == null || lp == null) {
                return null;
            }
            ConsumerIdentity id = new ConsumerIdentity(account, ext, lp);
            if (verifiedConsumerJws.size() > CACHE_LIMIT) {
                verifiedConsumerJws.clear();
            }
            verifiedConsumerJws.put(token, id);
            return id;
        } catch (ParseException | JOSEException | RuntimeException e) {
            return null;
        }
    }

    static boolean audienceContains(JWTClaimsSet claims, String accountId) {
        List<String> aud = claims.getAudience();
        return aud != null && aud.contains(accountId);
    }

    private static String sign(JWSSigner signer, String kid, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid)
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign", e);
        }
    }
}
