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
 * conversation, else by LivePerson's id of the consumer taking part (its latest create's correlation id). A change
 * opening a conversation the store does not know, found by its consumer, records the conversation, so that the
 * agent's events that follow (which name no consumer) find it: the instance that opened it may have been killed
 * before it could record it.
 */
final class NotificationCorrelation {

    /** How old an agent's event may be and still be worth waiting for its conversation's record. */
    static final long FRESH_MILLIS = 60_000;

    private final ConversationStore store;

    NotificationCorrelation(ConversationStore store) {
        this.store = store;
    }

    /**
     * A change's headers, and whether the store has its conversation on record.
     *
     * @param awaitsRecord whether the record may still come: an agent's (not the consumer's) recent event of a
     *                     conversation the store does not know, which no consumer id could tie to a create
     */
    record Lookup(Map<String, Object> headers, boolean awaitsRecord) {
    }

    /** May block: it reads the store. */
    Lookup headers(Change change, String account) {
        Map<String, Object> headers = new HashMap<>();
        LivePersonNotification notification = change.notification();
        headers.put(CONVERSATION_ID, notification.conversationId());
        headers.put(EVENT_TYPE, change.eventType());
        putIfSet(headers, ACCOUNT_ID, account);
        String lpConsumerId = null;
        Long fresh = null;
        if (notification instanceof MessagingEvent event) {
            Origin origin = event.origin();
            putIfSet(headers, DIALOG_ID, origin.dialogId());
            putIfSet(headers, SEQUENCE, origin.sequence());
            putIfSet(headers, ORIGINATOR_ID, origin.originatorId());
            putIfSet(headers, ORIGINATOR_ROLE, origin.originatorRole());
            putIfSet(headers, SERVER_TIMESTAMP, origin.serverTimestamp());
            boolean byConsumer = "CONSUMER".equals(origin.originatorRole());
            lpConsumerId = byConsumer ? origin.originatorId() : null;
            fresh = byConsumer ? null : origin.serverTimestamp();
        } else if (notification instanceof ConversationChange conversation) {
            putIfSet(headers, CONVERSATION_STATE, conversation.state());
            putIfSet(headers, CONVERSATION_STAGE, conversation.stage());
            putIfSet(headers, CLOSE_REASON, conversation.closeReason());
            lpConsumerId = conversation.participants().stream().filter(p -> "CONSUMER".equals(p.role()))
                    .map(Participant::id).findFirst().orElse(null);
        }
        Optional<Conversation> known = store.find(notification.conversationId());
        known.ifPresent(c -> put(headers, c));
        boolean byConsumer = lpConsumerId != null && account != null;
        Optional<String> consumersCorrelationId = known.isEmpty() && byConsumer
                // not recorded (yet): the consumer's latest create, before it was sent
                ? store.findConsumerCorrelationId(account, lpConsumerId) : Optional.empty();
        consumersCorrelationId.ifPresent(id -> headers.put(CORRELATION_ID, id));
        if (!headers.containsKey(EXT_CONSUMER_ID) && byConsumer) {
            store.findExtConsumerId(account, lpConsumerId).ifPresent(id -> headers.put(EXT_CONSUMER_ID, id));
        }
        if (consumersCorrelationId.isPresent() && notification instanceof ConversationChange conversation
            && "OPEN".equals(conversation.state())) {
            store.save(new Conversation(notification.conversationId(), account, consumersCorrelationId.get(),
                    (String) headers.get(EXT_CONSUMER_ID)));
        }
        boolean awaitsRecord = known.isEmpty() && fresh != null
                               && Math.abs(System.currentTimeMillis() - fresh) < FRESH_MILLIS;
        return new Lookup(headers, awaitsRecord);
    }

    /**
     * Reads the store again for a change that {@linkplain Lookup#awaitsRecord awaits its record}; true, with the
     * record's headers added, once it is there. May block.
     */
    boolean recorded(Map<String, Object> headers) {
        Optional<Conversation> known = store.find((String) headers.get(CONVERSATION_ID));
        known.ifPresent(c -> put(headers, c));
        return known.isPresent();
    }

    private static void put(Map<String, Object> headers, Conversation conversation) {
        putIfSet(headers, CORRELATION_ID, conversation.correlationId());
        putIfSet(headers, EXT_CONSUMER_ID, conversation.extConsumerId());
    }

    private static void putIfSet(Map<String, Object> headers, String name, Object value) {
        if (value != null) {
            headers.put(name, value);
        }
    }
}
