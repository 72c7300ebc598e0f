package io.github.lpconnector.camel.emulator;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where one notification type of the App Installation manifest goes ({@code capabilities.webhooks.<type>}):
 * {@code endpoint}, {@code headers} ({@code [{"header_name","header_value"}]}) and {@code max_retries} (0..5, default
 * 0: no retry, as LivePerson).
 * <p>
 * Emulator extension: several URLs, used round-robin, as a load balancer in front of several connector instances
 * would (in the manifest: {@code "endpoint": ["https://a", "https://b"]}). Plain {@code http} is accepted (loopback
 * tests); LivePerson itself requires {@code https}.
 *
 * @param urls       absolute http(s) URLs, query parameters allowed; at least one
 * @param headers    extra headers sent with every notification, in order
 * @param maxRetries retries after a failed attempt, 0..5
 */
public record WebhookEndpoint(List<String> urls, Map<String, String> headers, int maxRetries) {

    /** Headers the emulator sets itself or the JDK client refuses to take. */
    private static final Set<String> RESERVED = Set.of("connection", "content-length", "content-type", "expect",
            "host", "upgrade", WebhookSignature.SIGNATURE_HEADER, WebhookSignature.ACCOUNT_HEADER,
            WebhookSignature.CLIENT_HEADER);
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    public WebhookEndpoint {
        Objects.requireNonNull(urls, "urls");
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("endpoint: at least one URL is needed");
        }
        urls.forEach(WebhookEndpoint::checkUrl);
        urls = List.copyOf(urls);
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        headers.forEach(WebhookEndpoint::checkHeader);
        if (maxRetries < 0 || maxRetries > 5) {
            throw new IllegalArgumentException("max_retries must be 0..5, got " + maxRetries);
        }
    }

    /** {@code urls} (round-robin when several), no extra headers, no retries. */
    public static WebhookEndpoint of(String... urls) {
        return new WebhookEndpoint(List.of(urls), Map.of(), 0);
    }

    public WebhookEndpoint withMaxRetries(int retries) {
        return new WebhookEndpoint(urls, headers, retries);
    }

    /** This endpoint with one more extra header. */
    public WebhookEndpoint withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new WebhookEndpoint(urls, all, maxRetries);
    }

    private static void checkUrl(String url) {
        URI uri;
        try {
            uri = url == null ? null : URI.create(url);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException("endpoint '" + url + "' is not an absolute http(s) URL");
        }
    }

    private static void checkHeader(String name, String value) {
        if (name == null || !TOKEN.matcher(name).matches()) {
            throw new IllegalArgumentException("headers: header_name '" + name + "' is not a valid header name");
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("headers: header_name '" + name + "' is set by the emulator itself");
        }
        if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("headers: header_value of '" + name + "' must be one line of text");
        }
    }
}
