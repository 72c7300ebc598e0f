package io.github.lpconnector.camel.internal;

import java.io.IOException;
import java.net.URI;

import io.github.lpconnector.camel.LivePersonConnectorConfiguration;
import org.apache.camel.util.ObjectHelper;

/**
 * Checks an endpoint's options when it is initialised, so that a wrong option fails the route's start naming the
 * option, not the first exchange. The values that reach a request line or a header go through {@link InputRules}.
 */
final class OptionRules {

    private OptionRules() {
    }

    /** Throws {@link IllegalArgumentException} naming the first option that cannot work. */
    static void check(LivePersonConnectorConfiguration configuration) {
        InputRules.accountId(configuration.getAccountId());
        InputRules.apiVersion(configuration.getApiVersion());
        if (ObjectHelper.isNotEmpty(configuration.getProxyHost())) {
            InputRules.host("proxyHost", configuration.getProxyHost());
        }
        if (ObjectHelper.isNotEmpty(configuration.getDomain())) {
            InputRules.host("domain", configuration.getDomain());
        }
        if (ObjectHelper.isEmpty(configuration.getCsdsDomain())) {
            throw new IllegalArgumentException("liveperson-connector: option csdsDomain is required");
        }
        InputRules.host("csdsDomain", configuration.getCsdsDomain());
        baseUri(configuration);
        if (ObjectHelper.isNotEmpty(configuration.getClientId()) != ObjectHelper.isNotEmpty(configuration.getClientSecret())) {
            throw new IllegalArgumentException("liveperson-connector: set both clientId and clientSecret, or neither");
        }
        if (configuration.getConsumerJwsCacheSize() < 1) {
            throw new IllegalArgumentException("liveperson-connector: option consumerJwsCacheSize must be at least 1");
        }
        checkClientProperties(configuration.getClientProperties());
        checkPace(configuration);
    }

    private static void checkPace(LivePersonConnectorConfiguration configuration) {
        double max = configuration.getMaxRequestsPerSecond();
        if (!(max >= 0) || Double.isInfinite(max)) {
            throw new IllegalArgumentException(
                    "liveperson-connector: option maxRequestsPerSecond must be 0 (unknown) or a positive number");
        }
        if (configuration.getMaxQueuedRequests() < 1) {
            throw new IllegalArgumentException("liveperson-connector: option maxQueuedRequests must be at least 1");
        }
        if (configuration.getMaxQueueWait() < 0) {
            throw new IllegalArgumentException("liveperson-connector: option maxQueueWait must not be negative");
        }
    }

    /** Throws {@link IllegalArgumentException} naming the first option a {@code notifications} endpoint cannot use. */
    static void checkNotifications(LivePersonConnectorConfiguration configuration) {
        if (ObjectHelper.isNotEmpty(configuration.getAccountId())) {
            InputRules.accountId(configuration.getAccountId());
        }
        String path = configuration.getWebhookPath();
        if (path == null || !path.startsWith("/") || path.contains("?") || path.contains("#") || path.contains(" ")) {
            throw new IllegalArgumentException("liveperson-connector: option webhookPath must be a path starting with /,"
                                               + " without query or spaces");
        }
        if (configuration.getMaxNotificationSize() < 1) {
            throw new IllegalArgumentException("liveperson-connector: option maxNotificationSize must be at least 1");
        }
        if (configuration.getCorrelationWait() < 0) {
            throw new IllegalArgumentException("liveperson-connector: option correlationWait must be 0 or more"
                                               + " milliseconds");
        }
        WebhookHandler.eventTypes(configuration.getEventTypes());
        if (configuration.isSignatureRequired() && ObjectHelper.isEmpty(configuration.getWebhookSecret())
            && ObjectHelper.isEmpty(configuration.getClientSecret())) {
            throw new IllegalArgumentException("liveperson-connector: notifications checks LiveEngage's signature: set"
                                               + " webhookSecret (or clientSecret), or signatureRequired=false behind a"
                                               + " gateway that checks it");
        }
    }

    /**
     * {@code baseUri} without a trailing slash, or null when unset: http or https, a host and an optional port and
     * nothing else. Without it the component only ever uses https.
     */
    static URI baseUri(LivePersonConnectorConfiguration configuration) {
        String base = configuration.getBaseUri();
        return ObjectHelper.isEmpty(base) ? null : InputRules.baseUri(base);
    }

    /** True for a plain-http base URI to a host that is not this machine: tokens would travel unencrypted. */
    static boolean isPlainHttpOffThisMachine(URI base) {
        return base != null && "http".equalsIgnoreCase(base.getScheme()) && !InputRules.isLoopback(base.getHost());
    }

    private static void checkClientProperties(String clientProperties) {
        if (ObjectHelper.isEmpty(clientProperties)) {
            return;
        }
        try {
            if (!Json.MAPPER.readTree(clientProperties).isObject()) {
                throw new IllegalArgumentException("liveperson-connector: option clientProperties must be a JSON object");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("liveperson-connector: option clientProperties is not valid JSON", e);
        }
        if (!clientProperties.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(
                    "liveperson-connector: option clientProperties must be printable ASCII (it is sent as a header)");
        }
    }
}
