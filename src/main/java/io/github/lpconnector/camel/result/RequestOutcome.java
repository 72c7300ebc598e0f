package io.github.lpconnector.camel.result;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * LivePerson's answer to one request of a batch.
 *
 * @param reqId the request id echoed by LivePerson
 * @param type  the type of the request it answers, e.g. {@code cm.ConsumerRequestConversation}
 * @param code  the item's code as sent: {@code OK}, or an HTTP-like number such as {@code 400}
 * @param body  the item's body
 */
public record RequestOutcome(String reqId, String type, String code, JsonNode body) {

    @JsonIgnore
    public boolean isOk() {
        return "OK".equalsIgnoreCase(code) || "200".equals(code) || "201".equals(code);
    }
}
