package io.github.lpconnector.camel.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.github.lpconnector.camel.ConversationStore;
import io.github.lpconnector.camel.ConversationStore.Conversation;
import io.github.lpconnector.camel.internal.NotificationReader.Change;
import io.github.lpconnector.camel.model.LivePersonNotification;
import io.github.lpconnector.camel.model.LivePersonNotification.ConversationChange;
import io.github.lpconnector.camel.model.LivePersonNotification.MessagingEvent;
import io.github.lpconnector.camel.model.LivePersonNotification.Origin;
import io.github.lpconnector.camel.model.LivePersonNotification.Participant;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.ACCOUNT_ID;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.CLOSE_REASON;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.CONVERSATION_ID;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.CONVERSATION_STAGE;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.CONVERSATION_STATE;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.CORRELATION_ID;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.DIALOG_ID;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.EVENT_TYPE;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.EXT_CONSUMER_ID;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.ORIGINATOR_ID;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.ORIGINATOR_ROLE;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.SEQUENCE;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.SERVER_TIMESTAMP;

/**
 * The headers of a notified change: what the change says (conversation, dialog, sequence, sender...), and what the
 * {@link ConversationStore} knows of its conversation - the caller's correlation id and the consumer, found by the
 * conversation, else by LivePerson's id of the consumer taking part (its latest create's correlation id).
 */
final class NotificationCorrelation {

    private final ConversationStore store;

    NotificationCorrelation(ConversationStore store) {
        this.store = store;
    }

    /** May block: it reads the store. */
    Map<String, Object> headers(Change change, String account) {
        Map<String, Object> headers = new HashMap<>();
        LivePersonNotification notification = change.notification();
        headers.put(CONVERSATION_ID, notification.conversationId());
        headers.put(EVENT_TYPE, change.eventType());
        putIfSet(headers, ACCOUNT_ID, account);
        String lpConsumerId = null;
        if (notification instanceof MessagingEvent event) {
            Origin origin = event.origin();
            putIfSet(headers, DIALOG_ID, origin.dialogId());
            putIfSet(headers, SEQUENCE, origin.sequence());
            putIfSet(headers, ORIGINATOR_ID, origin.originatorId());
            putIfSet(headers, ORIGINATOR_ROLE, origin.originatorRole());
            putIfSet(headers, SERVER_TIMESTAMP, origin.serverTimestamp());
            lpConsumerId = "CONSUMER".equals(origin.originatorRole()) ? origin.originatorId() : null;
        } else if (notification instanceof ConversationChange conversation) {
            putIfSet(headers, CONVERSATION_STATE, conversation.state());
            putIfSet(headers, CONVERSATION_STAGE, conversation.stage());
            putIfSet(headers, CLOSE_REASON, conversation.closeReason());
            lpConsumerId = conversation.participants().stream().filter(p -> "CONSUMER".equals(p.role()))
                    .map(Participant::id).findFirst().orElse(null);
        }
        Optional<Conversation> known = store.find(notification.conversationId());
        known.map(Conversation::correlationId).ifPresent(id -> headers.put(CORRELATION_ID, id));
        if (known.isEmpty() && lpConsumerId != null && account != null) {
            // not recorded (yet): the consumer's latest create, before it was sent
            store.findConsumerCorrelationId(account, lpConsumerId).ifPresent(id -> headers.put(CORRELATION_ID, id));
        }
        String extConsumerId = known.map(Conversation::extConsumerId).orElse(null);
        if (extConsumerId == null && lpConsumerId != null && account != null) {
            extConsumerId = store.findExtConsumerId(account, lpConsumerId).orElse(null);
        }
        putIfSet(headers, EXT_CONSUMER_ID, extConsumerId);
        return headers;
    }

    private static void putIfSet(Map<String, Object> headers, String name, Object value) {
        if (value != null) {
            headers.put(name, value);
        }
    }
}
