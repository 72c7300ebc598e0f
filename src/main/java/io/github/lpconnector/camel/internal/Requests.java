package io.github.lpconnector.camel.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The one shape of every Connector API request: {@code {"kind":"req","id","type","body"}}. */
final class Requests {

    private Requests() {
    }

    static ObjectNode request(String id, String type, ObjectNode body) {
        ObjectNode request = Json.MAPPER.createObjectNode();
        request.put("kind", "req");
        request.put("id", id);
        request.put("type", type);
        request.set("body", body);
        return request;
    }
}
