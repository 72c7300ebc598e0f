package io.github.lpconnector.camel.emulator;

import static io.github.lpconnector.camel.emulator.Reply.MAPPER;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Compact JWS tokens signed with RS256 (RSASSA-PKCS1-v1_5 with SHA-256), as LivePerson's AppJWT and ConsumerJWS are:
 * {@code base64url(header) '.' base64url(claims) '.' base64url(signature)}, base64url without padding, the header
 * {@code {"alg":"RS256","kid":..,"typ":"JWT"}}.
 */
final class Jws {

    private static final String ALGORITHM = "SHA256withRSA";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Jws() {
    }

    /** Signs {@code claims} (written as JSON in their iteration order) with {@code key}, naming it {@code kid}. */
    static String sign(PrivateKey key, String kid, Map<String, Object> claims) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("kid", kid);
        header.put("typ", "JWT");
        String signed = encodeJson(header) + '.' + encodeJson(claims);
        try {
            Signature rsa = Signature.getInstance(ALGORITHM);
            rsa.initSign(key);
            rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + '.' + ENCODER.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign", e);
        }
    }

    /**
     * @return the claims of {@code token} if it is an RS256 JWS whose signature {@code key} verifies and whose claims
     *         are a JSON object, else null
     */
    static JsonNode verify(String token, PublicKey key) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            JsonNode header = MAPPER.readTree(DECODER.decode(parts[0]));
            if (header == null || !"RS256".equals(header.path("alg").asText())) {
                return null;
            }
            Signature rsa = Signature.getInstance(ALGORITHM);
            rsa.initVerify(key);
            rsa.update((parts[0] + '.' + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(DECODER.decode(parts[2]))) {
                return null;
            }
            JsonNode claims = MAPPER.readTree(DECODER.decode(parts[1]));
            return claims != null && claims.isObject() ? claims : null;
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return null; // not base64url, not JSON, or not a signature
        }
    }

    private static String encodeJson(Map<String, Object> json) {
        try {
            return ENCODER.encodeToString(MAPPER.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("claims must be JSON values: " + json, e);
        }
    }
}
