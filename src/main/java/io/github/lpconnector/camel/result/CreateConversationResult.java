package io.github.lpconnector.camel.result;

import java.util.List;

/**
 * The output body of {@code liveperson-connector:create}.
 *
 * @param conversationId  the id of the opened conversation (also in header {@code conversationId})
 * @param messageSequence the sequence of the first message, or null when the batch had none
 * @param outcomes        LivePerson's answer to each request, in request order
 */
public record CreateConversationResult(String conversationId, Long messageSequence, List<RequestOutcome> outcomes) {
}
