package io.github.lpconnector.camel.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The output body of {@code liveperson-connector:create}; Jackson writes it as JSON.
 *
 * @param conversationId  the id of the opened conversation (also in header {@code conversationId})
 * @param messageSequence the sequence of the first message, or null when the batch had none
 * @param outcomes        LivePerson's answer to each request, in request order
 */
public record CreateConversationResult(String conversationId, Long messageSequence, List<RequestOutcome> outcomes) {

    public CreateConversationResult {
        outcomes = List.copyOf(outcomes);
    }

    /**
     * LivePerson's answer to one request of a batch.
     *
     * @param reqId the request id echoed by LivePerson
     * @param type  the type of the request it answers, e.g. {@code cm.ConsumerRequestConversation}
     * @param code  the item's code as sent: {@code OK}, or an HTTP-like number such as {@code 400}; {@code missing}
     *              when no item answered the request
     * @param body  the item's body, or null
     */
    public record RequestOutcome(String reqId, String type, String code, JsonNode body) {

        /** True when LivePerson accepted the request ({@code OK}, {@code 200} or {@code 201}). */
        @JsonIgnore
        public boolean isOk() {
            return "OK".equalsIgnoreCase(code) || "200".equals(code) || "201".equals(code);
        }
    }
}
