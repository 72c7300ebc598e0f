package io.github.lpconnector.camel.emulator;

import static io.github.lpconnector.camel.emulator.Reply.MAPPER;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads and writes the {@code capabilities.webhooks} part of an App Installation manifest (liveperson-webhooks.md
 * §4.1): the five type keys, each {@code {"endpoint", "max_retries", "headers":[{"header_name","header_value"}]}}, and
 * {@code "retry": {"retention_time": seconds}}. Every error names the field.
 */
final class WebhookManifest {

    private static final String PREFIX = "capabilities.webhooks.";

    private WebhookManifest() {
    }

    static WebhookRegistrations parse(String json, Duration retryInterval) {
        JsonNode root;
        try {
            root = json == null ? null : MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the manifest is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the manifest must be a JSON object");
        }
        JsonNode webhooks = root.has("capabilities") ? root.path("capabilities").path("webhooks")
                : root.has("webhooks") ? root.get("webhooks") : root;
        if (!webhooks.isObject()) {
            throw new IllegalArgumentException("capabilities.webhooks must be an object");
        }
        Map<String, WebhookEndpoint> endpoints = new LinkedHashMap<>();
        Duration retention = Duration.ZERO;
        for (Iterator<Map.Entry<String, JsonNode>> it = webhooks.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            if ("retry".equals(key)) {
                retention = retention(field.getValue());
            } else if (WebhookRegistrations.TYPES.contains(key)) {
                endpoints.put(key, endpoint(key, field.getValue()));
            } else {
                throw new IllegalArgumentException(PREFIX + key + ": unknown notification type (one of "
                        + WebhookRegistrations.TYPES + " or retry)");
            }
        }
        return new WebhookRegistrations(endpoints, retention, retryInterval);
    }

    private static Duration retention(JsonNode retry) {
        JsonNode seconds = retry.path("retention_time");
        if (!retry.isObject() || !seconds.isIntegralNumber() || seconds.asLong() < 0
                || seconds.asLong() > WebhookRegistrations.MAX_RETENTION.toSeconds()) {
            throw new IllegalArgumentException(PREFIX + "retry.retention_time must be a number of seconds, 0 to "
                    + WebhookRegistrations.MAX_RETENTION.toSeconds());
        }
        return Duration.ofSeconds(seconds.asLong());
    }

    private static WebhookEndpoint endpoint(String type, JsonNode node) {
        String where = PREFIX + type;
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " must be an object");
        }
        List<String> urls = new ArrayList<>();
        JsonNode endpoint = node.path("endpoint");
        if (endpoint.isTextual()) {
            urls.add(endpoint.asText());
        } else if (endpoint.isArray() && !endpoint.isEmpty()) {
            for (JsonNode url : endpoint) {
                if (!url.isTextual()) {
                    throw new IllegalArgumentException(where + ".endpoint must hold URL strings");
                }
                urls.add(url.asText());
            }
        } else {
            throw new IllegalArgumentException(where + ".endpoint is missing (a URL, or an array of URLs)");
        }
        int retries = 0;
        if (node.has("max_retries")) {
            JsonNode n = node.get("max_retries");
            if (!n.isIntegralNumber() || n.asInt() < 0 || n.asInt() > 5) {
                throw new IllegalArgumentException(where + ".max_retries must be an integer 0..5");
            }
            retries = n.asInt();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (node.has("headers")) {
            JsonNode list = node.get("headers");
            if (!list.isArray()) {
                throw new IllegalArgumentException(where + ".headers must be an array");
            }
            for (JsonNode h : list) {
                if (!h.path("header_name").isTextual() || !h.path("header_value").isTextual()) {
                    throw new IllegalArgumentException(where + ".headers[] needs header_name and header_value strings");
                }
                headers.put(h.get("header_name").asText(), h.get("header_value").asText());
            }
        }
        try {
            return new WebhookEndpoint(urls, headers, retries);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    static String write(WebhookRegistrations registrations) {
        return toJson(registrations).toString();
    }

    static ObjectNode toJson(WebhookRegistrations registrations) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode webhooks = root.putObject("capabilities").putObject("webhooks");
        registrations.endpoints().forEach((type, endpoint) -> {
            ObjectNode node = webhooks.putObject(type);
            if (endpoint.urls().size() == 1) {
                node.put("endpoint", endpoint.urls().get(0));
            } else {
                ArrayNode urls = node.putArray("endpoint");
                endpoint.urls().forEach(urls::add);
            }
            node.put("max_retries", endpoint.maxRetries());
            if (!endpoint.headers().isEmpty()) {
                ArrayNode headers = node.putArray("headers");
                endpoint.headers().forEach((name, value) -> headers.addObject().put("header_name", name)
                        .put("header_value", value));
            }
        });
        if (registrations.ttlRetention()) {
            webhooks.putObject("retry").put("retention_time", registrations.retentionTime().toSeconds());
        }
        return root;
    }
}
