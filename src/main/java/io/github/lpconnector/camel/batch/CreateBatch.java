package io.github.lpconnector.camel.batch;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * The ordered CREATE batch, ready to send, with the ids of its requests so that answers are matched by
 * {@code reqId}.
 *
 * @param requests               SetUserProfile, ConsumerRequestConversation and optionally PublishEvent, in order
 * @param profileRequestId      id of the SetUserProfile request
 * @param conversationRequestId id of the ConsumerRequestConversation request
 * @param messageRequestId      id of the PublishEvent request, or null when the batch has no first message
 */
public record CreateBatch(ArrayNode requests, String profileRequestId, String conversationRequestId,
        String messageRequestId) {
}
