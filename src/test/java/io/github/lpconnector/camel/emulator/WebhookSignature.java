package io.github.lpconnector.camel.emulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * LivePerson's webhook signature (liveperson-webhooks.md §2.2):
 * {@code x-liveperson-signature: sha1=} + Base64(HMAC-SHA1(key = UTF-8 bytes of the client secret, message = the
 * raw request body bytes)) by default; SHA-256 ({@code sha256=}) and hex encoding exist per account. Also a verifier,
 * for test receivers.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "x-liveperson-signature";
    public static final String ACCOUNT_HEADER = "x-liveperson-account-id";
    public static final String CLIENT_HEADER = "x-liveperson-client-id";

    /** The HMAC and the header's prefix. */
    public enum Algorithm {
        SHA1("sha1", "HmacSHA1"), SHA256("sha256", "HmacSHA256");

        private final String prefix;
        private final String jca;

        Algorithm(String prefix, String jca) {
            this.prefix = prefix;
            this.jca = jca;
        }

        /** {@code "sha1"} or {@code "sha256"}, as the header value starts (before the {@code =}). */
        public String prefix() {
            return prefix;
        }

        /** By prefix or name, any case: "sha1", "SHA256", ... */
        public static Algorithm of(String name) {
            for (Algorithm a : values()) {
                if (a.prefix.equalsIgnoreCase(name) || a.name().equalsIgnoreCase(name)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("signature algorithm must be sha1 or sha256, got '" + name + "'");
        }
    }

    /** How the HMAC bytes are written. */
    public enum Encoding {
        BASE64, HEX;

        public static Encoding of(String name) {
            try {
                return valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("signature encoding must be base64 or hex, got '" + name + "'");
            }
        }
    }

    private WebhookSignature() {
    }

    /** LivePerson's default: {@code sha1=<Base64>}. */
    public static String sign(String secret, byte[] body) {
        return sign(secret, body, Algorithm.SHA1, Encoding.BASE64);
    }

    /** The header value, e.g. {@code sha256=2d87ac93...} for SHA256/HEX. */
    public static String sign(String secret, byte[] body, Algorithm algorithm, Encoding encoding) {
        byte[] mac = hmac(secret, body, algorithm);
        String text = encoding == Encoding.HEX ? HexFormat.of().formatHex(mac) : Base64.getEncoder().encodeToString(mac);
        return algorithm.prefix + "=" + text;
    }

    /**
     * Whether {@code header} is a valid signature of {@code body}: either algorithm (by its prefix), Base64 or hex
     * (lower or upper case), compared in constant time. False for a missing or malformed header.
     */
    public static boolean verify(String header, String secret, byte[] body) {
        if (header == null) {
            return false;
        }
        int eq = header.indexOf('=');
        if (eq <= 0) {
            return false;
        }
        Algorithm algorithm;
        try {
            algorithm = Algorithm.of(header.substring(0, eq));
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] expected = hmac(secret, body, algorithm);
        byte[] given = decode(header.substring(eq + 1), expected.length);
        return given != null && MessageDigest.isEqual(expected, given);
    }

    private static byte[] decode(String value, int length) {
        try {
            if (value.length() == 2 * length && value.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return HexFormat.of().parseHex(value.toLowerCase(Locale.ROOT));
            }
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] hmac(String secret, byte[] body, Algorithm algorithm) {
        try {
            Mac mac = Mac.getInstance(algorithm.jca);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm.jca));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + algorithm.jca, e);
        }
    }
}
