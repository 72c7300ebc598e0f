package io.github.lpconnector.camel.dsl;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Expression;
import org.apache.camel.NoSuchEndpointException;
import org.apache.camel.builder.EndpointConsumerBuilder;
import org.apache.camel.builder.EndpointProducerBuilder;

/**
 * The state of a typed endpoint builder: the options set so far, turned into a normalized endpoint URI when the route
 * resolves it. camel-endpointdsl's {@code AbstractEndpointBuilder} plays this part for Camel's own components; it is
 * not used here so that the DSL needs only camel-core-model, which every Java DSL user has.
 */
public abstract class LivePersonEndpointBuilderSupport implements EndpointConsumerBuilder, EndpointProducerBuilder {

    /** Characters that survive Camel's URI parsing as they are; placeholders ({{...}}) are kept readable too. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._~:/{}$@*,;!-]*");

    private final String scheme;
    private final String path;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    protected LivePersonEndpointBuilderSupport(String scheme, String path) {
        this.scheme = scheme;
        this.path = path;
    }

    @Override
    public Endpoint resolve(CamelContext context) throws NoSuchEndpointException {
        return context.getEndpoint(computeUri(context, true));
    }

    @Override
    public <T extends Endpoint> T resolve(CamelContext context, Class<T> endpointType) throws NoSuchEndpointException {
        return endpointType.cast(resolve(context));
    }

    /** The endpoint URI, with encoded option values. */
    public String getUri() {
        return computeUri(null, true);
    }

    @Override
    public String getRawUri() {
        return computeUri(null, false);
    }

    @Override
    public void doSetProperty(String name, Object value) {
        properties.put(name, value);
    }

    @Override
    public void doSetMultiValueProperty(String name, String key, Object value) {
        properties.put(key, value);
    }

    @Override
    public void doSetMultiValueProperties(String name, String prefix, Map<String, Object> values) {
        values.forEach((key, value) -> properties.put(prefix + key, value));
    }

    @Override
    public Expression expr(CamelContext context) {
        // unencoded, so that the simple language sees ${...} as written (as toD does)
        return context.resolveLanguage("simple").createExpression(computeUri(context, false));
    }

    private String computeUri(CamelContext context, boolean encode) {
        Map<String, String> params = new TreeMap<>(); // sorted: a normalized URI
        properties.forEach((key, value) -> params.put(key, asParameter(context, key, value)));
        StringBuilder uri = new StringBuilder(scheme).append("://").append(path);
        char separator = '?';
        for (Map.Entry<String, String> param : params.entrySet()) {
            String value = param.getValue();
            if (context != null) {
                value = context.resolvePropertyPlaceholders(value);
            }
            uri.append(separator).append(param.getKey()).append('=').append(encode ? encode(value) : value);
            separator = '&';
        }
        return uri.toString();
    }

    /**
     * A value as Camel reads it back unchanged: as it is when it has only URI-safe characters, else wrapped in
     * {@code RAW(...)} (as in a hand-written URI), since Camel's URI normalization does not keep {@code %26} or
     * {@code %2B} apart from {@code &} and {@code +}.
     */
    private static String encode(String value) {
        if (SAFE.matcher(value).matches()) {
            return value;
        }
        if (value.indexOf(')') < 0) {
            return "RAW(" + value + ")";
        }
        if (value.indexOf('}') < 0) {
            return "RAW{" + value + "}";
        }
        throw new IllegalArgumentException("a value with both ')' and '}' cannot be written into an endpoint URI");
    }

    private static String asParameter(CamelContext context, String key, Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean || value instanceof Enum<?>) {
            return value.toString();
        }
        if (context == null) {
            throw new IllegalStateException("option " + key + " holds an object: resolve the builder in a CamelContext");
        }
        // an object (e.g. SSLContextParameters) travels as a reference to a bean bound under a generated name
        String name = "liveperson-connector-" + key + "-" + Integer.toHexString(System.identityHashCode(value));
        context.getRegistry().bind(name, value);
        return "#" + name;
    }

    @Override
    public String toString() {
        return getUri();
    }
}
