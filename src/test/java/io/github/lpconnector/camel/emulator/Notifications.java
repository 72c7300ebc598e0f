package io.github.lpconnector.camel.emulator;

import static io.github.lpconnector.camel.emulator.Reply.MAPPER;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Turns each change of a conversation into the webhook notification LiveEngage would send and hands it to the
 * {@link WebhookDispatcher}: an {@code ms.MessagingEventNotification} for every event the consumer (the connector's
 * own echo, role CONSUMER) or an agent (role ASSIGNED_AGENT) published, a {@code cqm.ExConversationChangeNotification}
 * UPSERT when the conversation opens, gets an agent, is transferred or closes. Shapes as in liveperson-webhooks.md
 * §1.3 (DC examples and DEMO captures):
 * <ul>
 * <li>a message change has {@code sequence}, {@code originatorId}, {@code originatorMetadata {id, role}},
 * {@code serverTimestamp}, {@code event}, {@code conversationId} and {@code dialogId} (both the conversation id: the
 * MAIN dialog); a ChatStateEvent has no sequence and no serverTimestamp, as in every example;</li>
 * <li>a conversation change has {@code convId}, {@code effectiveTTR} (start + TTR while open, -1 once closed) and
 * {@code conversationDetails} with skillId, participants (agent first, then consumer, as DC), the MAIN dialog,
 * brandId, state, stage (= state), closeReason and endTs once closed, startTs, metaDataLastUpdateTs and the TTR
 * (PRIORITIZED, 600 s, as every capture);</li>
 * <li>one change per notification (LivePerson may send several; the emulator sends one).</li>
 * </ul>
 */
final class Notifications implements ConversationListener {

    static final String MESSAGING = "ms.MessagingEventNotification";
    static final String CONVERSATION_CHANGE = WebhookRegistrations.CONVERSATION_CHANGE;
    static final int TTR_SECONDS = 600;

    private final WebhookDispatcher dispatcher;

    Notifications(WebhookDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void opened(StoredConversation conversation, Details details) {
        conversationChanged(conversation, details);
    }

    @Override
    public void published(StoredConversation conversation, EmulatedMessage message) {
        dispatcher.submit(MESSAGING + "." + message.eventType(), conversation.accountId, conversation.id,
                message.sequence(), () -> messaging(conversation.id, message));
    }

    @Override
    public void changed(StoredConversation conversation, Details details) {
        conversationChanged(conversation, details);
    }

    @Override
    public void closed(StoredConversation conversation, Details details) {
        conversationChanged(conversation, details);
    }

    private void conversationChanged(StoredConversation conversation, Details details) {
        dispatcher.submit(CONVERSATION_CHANGE, conversation.accountId, conversation.id, -1,
                () -> conversationChange(details));
    }

    static ObjectNode messaging(String conversationId, EmulatedMessage m) {
        ObjectNode change = MAPPER.createObjectNode();
        boolean chatState = "ChatStateEvent".equals(m.eventType());
        if (m.sequence() >= 0) {
            change.put("sequence", m.sequence());
        }
        change.put("originatorId", m.originatorId());
        change.putObject("originatorMetadata").put("id", m.originatorId()).put("role", m.role());
        if (!chatState) {
            change.put("serverTimestamp", m.at().toEpochMilli());
        }
        change.set("event", m.event());
        change.put("conversationId", conversationId);
        change.put("dialogId", conversationId);
        return envelope(MESSAGING, change);
    }

    static ObjectNode conversationChange(Details d) {
        ObjectNode change = MAPPER.createObjectNode();
        change.put("type", "UPSERT");
        ObjectNode result = change.putObject("result");
        result.put("convId", d.conversationId());
        boolean open = d.isOpen();
        result.put("effectiveTTR", open ? d.startTs() + TTR_SECONDS * 1000L : -1);
        ObjectNode details = result.putObject("conversationDetails");
        details.put("skillId", d.skillId());
        ArrayNode participants = details.putArray("participants");
        if (d.agentId() != null) {
            participant(participants, d.agentId(), EmulatedMessage.ASSIGNED_AGENT);
        }
        participant(participants, d.consumerId(), EmulatedMessage.CONSUMER);
        ObjectNode dialog = details.putArray("dialogs").addObject();
        dialog.put("dialogId", d.conversationId());
        ArrayNode inDialog = dialog.putArray("participantsDetails");
        participant(inDialog, d.consumerId(), EmulatedMessage.CONSUMER);
        if (d.agentId() != null) {
            participant(inDialog, d.agentId(), EmulatedMessage.ASSIGNED_AGENT);
        }
        dialog.put("dialogType", "MAIN");
        dialog.put("channelType", "MESSAGING");
        dialog.put("state", d.state());
        dialog.put("creationTs", d.startTs());
        if (!open) {
            dialog.put("endTs", d.endTs());
        }
        dialog.put("metaDataLastUpdateTs", d.metaDataLastUpdateTs());
        if (!open) {
            dialog.put("closedBy", d.closedBy());
        }
        details.put("brandId", d.brandId());
        details.put("state", d.state());
        details.put("stage", d.state());
        if (!open) {
            details.put("closeReason", d.closedBy());
        }
        details.put("startTs", d.startTs());
        if (!open) {
            details.put("endTs", d.endTs());
        }
        details.put("metaDataLastUpdateTs", d.metaDataLastUpdateTs());
        details.putObject("ttr").put("ttrType", "PRIORITIZED").put("value", TTR_SECONDS);
        return envelope(CONVERSATION_CHANGE, change);
    }

    private static void participant(ArrayNode list, String id, String role) {
        list.addObject().put("id", id).put("role", role);
    }

    /** {@code {"kind":"notification","body":{"changes":[change]},"type":type}}, keys in LivePerson's order. */
    private static ObjectNode envelope(String type, ObjectNode change) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("kind", "notification");
        root.putObject("body").putArray("changes").add(change);
        root.put("type", type);
        return root;
    }
}
