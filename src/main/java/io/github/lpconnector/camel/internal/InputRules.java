package io.github.lpconnector.camel.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

import io.github.lpconnector.camel.LivePersonValidationException;

/**
 * The rules for every value that ends up in a request line, a header or a host name: tokens, the account id, the
 * ext consumer id, the conversation id, the API version, {@code domain} and {@code baseUri}. One place, so that the
 * endpoint, the token lookup and the operations apply the same rules.
 * <p>
 * Messages name the field and the position of a bad character, never the value of a token.
 */
final class InputRules {

    /** Longest token accepted (AppJWT, ConsumerJWS, client secret); real ones are a few KB. */
    static final int MAX_TOKEN_LENGTH = 16 * 1024;
    /** Longest id accepted (ext consumer id, conversation id). */
    static final int MAX_ID_LENGTH = 256;

    private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern API_VERSION = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3})?");
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern HOST_NAME = Pattern.compile("(?=.{1,253}$)" + LABEL + "(?:\\." + LABEL + ")*");
    private static final Pattern IPV4 = Pattern.compile("(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}"
                                                        + "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]{2,45}\\]");
    /** Characters that would end, split or re-route a path segment, or start an encoded one. */
    private static final String PATH_BREAKERS = "/\\?#%;&=+";

    private InputRules() {
    }

    /**
     * A token sent as a header value: non-blank, at most {@link #MAX_TOKEN_LENGTH} characters, printable ASCII
     * without spaces. CR, LF and every other control character are refused, so no header can be injected.
     *
     * @param field  the property or option it came from, named in the error
     * @param source where it came from, e.g. {@code option appJwt}, named in the error
     */
    static String token(String field, String source, String token) {
        if (token == null || token.isBlank()) {
            throw new LivePersonValidationException(field, "the token from " + source + " is empty");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new LivePersonValidationException(field, "the token from " + source + " is longer than "
                                                           + MAX_TOKEN_LENGTH + " characters");
        }
        int bad = firstNotPrintable(token, "");
        if (bad >= 0) {
            // the token itself stays out of the message
            throw new LivePersonValidationException(field, "the token from " + source
                                                           + " has a space, control or non-ASCII character at index " + bad);
        }
        return token;
    }

    /** True for a token that may go into a header as it is: printable ASCII without spaces, nothing else. */
    static boolean isHeaderSafeToken(String token) {
        return token != null && !token.isEmpty() && firstNotPrintable(token, "") < 0;
    }

    /** The account id, a path segment of every URL: 1-64 letters, digits, '-' or '_'. */
    static String accountId(String accountId) {
        if (accountId == null || accountId.isEmpty()) {
            throw new IllegalArgumentException("liveperson-connector: option accountId is required");
        }
        if (!ACCOUNT_ID.matcher(accountId).matches()) {
            throw new IllegalArgumentException(
                    "liveperson-connector: option accountId must be 1-64 letters, digits, '-' or '_'");
        }
        return accountId;
    }

    /**
     * An id that may end up in a URL, a header or a cache key (ext consumer id, conversation id): 1 to
     * {@link #MAX_ID_LENGTH} printable ASCII characters, none of {@code / \ ? # % ; & = +}, no space or control
     * character, and no {@code ..}. So neither a raw nor a percent-encoded value can change a path or a query.
     */
    static String id(String field, String id) {
        if (id == null || id.isEmpty()) {
            throw new LivePersonValidationException(field, "is empty");
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw new LivePersonValidationException(field, "is longer than " + MAX_ID_LENGTH + " characters");
        }
        int bad = firstNotPrintable(id, PATH_BREAKERS);
        if (bad >= 0) {
            throw new LivePersonValidationException(field, "has a forbidden character at index " + bad
                                                           + " (space, control, non-ASCII or one of "
                                                           + PATH_BREAKERS + ")");
        }
        if (id.contains("..")) {
            throw new LivePersonValidationException(field, "contains '..'");
        }
        return id;
    }

    /**
     * An id that only travels inside a JSON body and serves as a cache key (the ext consumer id): 1 to
     * {@link #MAX_ID_LENGTH} characters without control characters (C0, DEL, C1) or Unicode line separators. Letters
     * of any script are kept, since consumers are named by the customer's own systems.
     */
    static String externalId(String field, String id) {
        if (id == null || id.isBlank()) {
            throw new LivePersonValidationException(field, "is empty");
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw new LivePersonValidationException(field, "longer than " + MAX_ID_LENGTH + " characters");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw new LivePersonValidationException(field, "has a control character at index " + i);
            }
        }
        return id;
    }

    /** The {@code v} query parameter: digits, optionally one dot and more digits. */
    static String apiVersion(String apiVersion) {
        if (apiVersion == null || !API_VERSION.matcher(apiVersion).matches()) {
            throw new IllegalArgumentException("liveperson-connector: option apiVersion must be a version number like 3 or 3.1");
        }
        return apiVersion;
    }

    /**
     * A host with an optional port and nothing else: a DNS name, an IPv4 address or a bracketed IPv6 address; no
     * scheme, user info, path, query, fragment or whitespace.
     *
     * @param  option the option it came from, named in the error
     * @return        the value, unchanged
     */
    static String host(String option, String value) {
        if (value == null || !isHostAndPort(value)) {
            throw new IllegalArgumentException("liveperson-connector: option " + option
                                               + " must be a host name with an optional port (e.g. va.msg.liveperson.net"
                                               + " or localhost:8443), got '" + printable(value) + "'");
        }
        return value;
    }

    /**
     * {@code baseUri}: {@code http} or {@code https}, a host as {@link #host} accepts it, and nothing else (a single
     * trailing slash is dropped).
     */
    static URI baseUri(String value) {
        String base = value != null && value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        URI uri;
        try {
            uri = base != null && firstNotPrintable(base, "") < 0 ? new URI(base) : null;
        } catch (URISyntaxException e) {
            uri = null;
        }
        String scheme = uri != null && uri.getScheme() != null ? uri.getScheme().toLowerCase(Locale.ROOT) : null;
        if (uri == null || !("https".equals(scheme) || "http".equals(scheme)) || uri.getRawAuthority() == null
            || !isHostAndPort(uri.getRawAuthority()) || uri.getHost() == null
            || !uri.getRawPath().isEmpty() || uri.getRawQuery() != null || uri.getRawFragment() != null
            || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("liveperson-connector: option baseUri must be http(s)://host[:port] and"
                                               + " nothing else, got '" + printable(value) + "'");
        }
        return uri;
    }

    /** True for a host that cannot leave the machine: {@code localhost}, 127.0.0.0/8 and {@code [::1]}. */
    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.endsWith(".localhost") || h.startsWith("127.") && IPV4.matcher(h).matches()
               || h.equals("[::1]") || h.equals("::1") || h.equals("[0:0:0:0:0:0:0:1]");
    }

    /**
     * Checks a request URI built from a base and a path: same scheme, host and port as the base, and exactly the
     * expected path. A last line of defence after the values above were checked.
     */
    static URI sameOrigin(URI base, URI built, String expectedPath) {
        if (!base.getScheme().equalsIgnoreCase(built.getScheme()) || !base.getRawAuthority().equals(built.getRawAuthority())
            || !expectedPath.equals(built.getRawPath()) || built.getRawFragment() != null) {
            throw new IllegalStateException("liveperson-connector: refusing request URI " + built.getScheme() + "://"
                                            + built.getRawAuthority() + built.getRawPath());
        }
        return built;
    }

    /** True for a host with an optional port and nothing else, as {@link #host} accepts it. */
    static boolean isHostAndPort(String value) {
        String host = value;
        int colon = value.lastIndexOf(':');
        if (colon >= 0 && (!value.startsWith("[") || value.lastIndexOf(']') < colon)) {
            String port = value.substring(colon + 1);
            if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')
                || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                return false;
            }
            host = value.substring(0, colon);
        }
        return HOST_NAME.matcher(host).matches() || IPV4.matcher(host).matches() || IPV6.matcher(host).matches();
    }

    /** Index of the first character outside printable ASCII (0x21-0x7e) or in {@code forbidden}; -1 if none. */
    private static int firstNotPrintable(String value, String forbidden) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e || forbidden.indexOf(c) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** A value for an error message: control characters shown as {@code \}u escapes, cut at 100 characters. */
    /**
     * A path in the file storage as LivePerson hands it out, e.g. {@code /v1/AUTH_async-images/123/x.PNG}: it goes
     * into a request line, so only unreserved URL characters and slashes, no {@code ..}, at most 1024 characters.
     */
    static boolean isStoragePath(String path) {
        return path != null && path.length() <= 1024 && path.startsWith("/") && !path.contains("..")
               && path.chars().allMatch(c -> c == '/' || c == '-' || c == '.' || c == '_' || c == '~'
                                             || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z');
    }

    private static String printable(String value) {
        if (value == null) {
            return "null";
        }
        if (value.indexOf('@') >= 0) {
            return "(has user info, not shown)";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && i < 100; i++) {
            char c = value.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return value.length() > 100 ? out + "..." : out.toString();
    }
}
