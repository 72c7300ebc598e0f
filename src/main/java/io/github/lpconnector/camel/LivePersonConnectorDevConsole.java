package io.github.lpconnector.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.lpconnector.camel.internal.CallStatistics;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.DevConsole;
import org.apache.camel.support.console.AbstractDevConsole;
import org.apache.camel.util.json.JsonObject;

/**
 * Per {@code liveperson-connector} endpoint: health, calls, failures by HTTP status and LivePerson errorCode,
 * retries, last error, AppJWT expiry and rate-limit state. Endpoint URIs are shown with their tokens masked.
 */
@DevConsole(name = "liveperson-connector", displayName = "LivePerson Connector",
            description = "LivePerson Connector API calls, failures, retries, rate limiting and notifications per endpoint")
public class LivePersonConnectorDevConsole extends AbstractDevConsole {

    public LivePersonConnectorDevConsole() {
        super("camel", "liveperson-connector", "LivePerson Connector",
              "LivePerson Connector API calls, failures, retries, rate limiting and notifications per endpoint");
    }

    private List<LivePersonConnectorEndpoint> endpoints() {
        List<LivePersonConnectorEndpoint> answer = new ArrayList<>();
        for (Endpoint endpoint : getCamelContext().getEndpoints()) {
            if (endpoint instanceof LivePersonConnectorEndpoint lp && lp.getCallStatistics() != null) {
                answer.add(lp);
            }
        }
        return answer;
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        StringBuilder sb = new StringBuilder();
        for (LivePersonConnectorEndpoint endpoint : endpoints()) {
            CallStatistics.Health health = endpoint.health();
            sb.append(String.format("%n    Endpoint: %s", endpoint.getSanitizedUri()));
            sb.append(String.format("%n        Account: %s", endpoint.getConfiguration().getAccountId()));
            sb.append(String.format("%n        Operation: %s", endpoint.getOperation()));
            sb.append(String.format("%n        Service: %s", endpoint.getServiceUrl()));
            sb.append(String.format("%n        Health: %s%s", health.up() ? "UP" : "DOWN",
                    health.up() ? "" : " (" + health.reason() + ")"));
            endpoint.state().forEach((key, value) -> sb.append(String.format("%n        %s: %s", key, value)));
            sb.append("\n");
        }
        return sb.toString();
    }

    @Override
    protected Map<String, Object> doCallJson(Map<String, Object> options) {
        JsonObject root = new JsonObject();
        List<JsonObject> list = new ArrayList<>();
        root.put("endpoints", list);
        for (LivePersonConnectorEndpoint endpoint : endpoints()) {
            CallStatistics.Health health = endpoint.health();
            JsonObject jo = new JsonObject();
            jo.put("uri", endpoint.getSanitizedUri());
            jo.put("operation", String.valueOf(endpoint.getOperation()));
            jo.put("accountId", endpoint.getConfiguration().getAccountId());
            jo.put("serviceUrl", endpoint.getServiceUrl());
            jo.put("health", health.up() ? "UP" : "DOWN");
            if (!health.up()) {
                jo.put("healthReason", health.reason());
            }
            endpoint.state().forEach((key, value) -> jo.put(key,
                    value instanceof Map<?, ?> map ? new JsonObject(castMap(map)) : value));
            list.add(jo);
        }
        return root;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
