package io.github.lpconnector.camel.emulator;

import static io.github.lpconnector.camel.emulator.Reply.MAPPER;

import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Domain API (CSDS): {@code GET /api/account/{account}/service/{service}/baseURI.json?version=1.0} answers
 * {@code {"service":..,"account":..,"baseURI":..}}; without the service, {@code {"baseURIs":[...]}} for all of
 * {@link LiveEngageEmulator#SERVICES} (DC page agent-domain-domain-api.html, OAI/domains.yml). Every baseURI is the
 * emulator's own host, a bare {@code host:port} like
 * LivePerson's. Errors (wrong version, unknown service, whose name is case-sensitive as LivePerson's) are 400
 * {@code {"code":400,"message":..}}.
 */
final class DomainApiHandler extends ServiceHandler {

    private final Supplier<String> host;

    DomainApiHandler(Supplier<String> host) {
        // with or without ".json": LivePerson documents the suffix, the demo app and botium call
        // .../service/baseURI?version=1.0 (liveperson-connector-api.md section 4)
        super("domain", "GET", "/api/account/{account}/service/{service}/baseURI.json",
                "/api/account/{account}/service/{service}/baseURI", "/api/account/{account}/service/baseURI.json",
                "/api/account/{account}/service/baseURI");
        this.host = host;
    }

    @Override
    Reply handle(Request request, Map<String, String> pathParams) {
        String account = pathParams.get("account");
        String service = pathParams.get("service");
        if (!"1.0".equals(request.query().get("version"))) {
            return error("version must be 1.0");
        }
        if (service == null) {
            ObjectNode root = MAPPER.createObjectNode();
            ArrayNode list = root.putArray("baseURIs");
            LiveEngageEmulator.SERVICES.forEach(s -> list.add(baseUri(s, account)));
            return Reply.json(200, root);
        }
        if (!LiveEngageEmulator.SERVICES.contains(service)) {
            return error("unknown service name '" + service + "'");
        }
        return Reply.json(200, baseUri(service, account));
    }

    private ObjectNode baseUri(String service, String account) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("service", service);
        node.put("account", account);
        node.put("baseURI", host.get());
        return node;
    }

    private static Reply error(String message) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("code", 400);
        node.put("message", message);
        return Reply.json(400, node);
    }
}
