package io.github.lpconnector.camel;

import java.util.Arrays;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.util.URISupport;

/**
 * The options whose values are secrets, and the one way the component masks them wherever it shows an endpoint URI
 * or its options.
 */
final class SecretOptions {

    /** The options whose values are tokens or secrets. */
    static final String[] NAMES = { "appJwt", "consumerJws", "clientSecret", "webhookSecret" };

    /** A secret option in a URI, with its value up to the next parameter; RAW(...) values included. */
    private static final Pattern IN_URI = Pattern.compile(
            "([?&](?:" + String.join("|", NAMES) + ")=)(RAW\\([^)]*\\)|RAW\\{[^}]*\\}|[^&]*)", Pattern.CASE_INSENSITIVE);

    static final String MASK = "xxxxxx";

    private SecretOptions() {
    }

    /** {@code uri} with the values of the secret options, and of every option Camel knows as secret, masked. */
    static String mask(String uri) {
        return uri == null ? null : IN_URI.matcher(URISupport.sanitizeUri(uri)).replaceAll("$1" + MASK);
    }

    /** Whether a secret is set, for a toString that must not show it. */
    static String shown(String secret) {
        return secret != null ? MASK : "null";
    }

    /**
     * Adds the secret options Camel does not already know as sensitive (it knows password, token, secret...) to the
     * context's additional sensitive keywords, keeping any already set, so that Camel masks them where it sanitises
     * URIs itself.
     */
    static void registerWith(CamelContext context) {
        var extension = context.getCamelContextExtension();
        String existing = extension.getAdditionalSensitiveKeywords();
        StringBuilder keywords = new StringBuilder(existing != null ? existing : "");
        for (String option : NAMES) {
            boolean known = Arrays.stream(keywords.toString().split(","))
                    .anyMatch(k -> k.trim().equalsIgnoreCase(option));
            if (!known) {
                keywords.append(keywords.length() > 0 ? "," : "").append(option);
            }
        }
        if (!keywords.toString().equals(existing)) {
            extension.setAdditionalSensitiveKeywords(keywords.toString());
        }
    }
}
