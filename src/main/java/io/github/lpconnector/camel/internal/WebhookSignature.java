package io.github.lpconnector.camel.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * LiveEngage's webhook signature: {@code x-liveperson-signature: sha1=<HMAC-SHA1>} (or {@code sha256=} for accounts
 * set up so), the HMAC computed over the raw body bytes as received with the client secret's UTF-8 bytes as key, in
 * Base64 or hexadecimal. Never over a decoded or re-serialised body: a body is signed as it travelled.
 */
final class WebhookSignature {

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");

    private final byte[] key;

    WebhookSignature(String secret) {
        this.key = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code header} is a valid signature of {@code body}; false for a missing or malformed header. */
    boolean matches(byte[] body, String header) {
        if (header == null) {
            return false;
        }
        int equals = header.indexOf('=');
        String algorithm = equals > 0 ? header.substring(0, equals).trim().toLowerCase(java.util.Locale.ROOT) : "";
        String mac = switch (algorithm) {
            case "sha1" -> "HmacSHA1";
            case "sha256" -> "HmacSHA256";
            default -> null;
        };
        if (mac == null) {
            return false;
        }
        byte[] expected = hmac(mac, body);
        byte[] given = decode(header.substring(equals + 1).trim(), expected.length);
        return given != null && MessageDigest.isEqual(expected, given);
    }

    /** The signature header LiveEngage would send for {@code body}: SHA-1, Base64. */
    String sign(byte[] body) {
        return "sha1=" + Base64.getEncoder().encodeToString(hmac("HmacSHA1", body));
    }

    private byte[] hmac(String algorithm, byte[] body) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e); // every JDK has both
        }
    }

    /** The digest a signature value encodes, hexadecimal or Base64; null when it is neither, or of another length. */
    private static byte[] decode(String value, int length) {
        try {
            byte[] digest = value.length() == 2 * length && HEX.matcher(value).matches()
                    ? HexFormat.of().parseHex(value) : Base64.getDecoder().decode(value);
            return digest.length == length ? digest : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
