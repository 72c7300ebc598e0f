package io.github.lpconnector.camel.emulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A LiveEngage agent working on the emulator's conversations (Java API; HTTP: {@code POST /emulator/agent/...}). Each
 * act changes the conversation and so produces the notifications LiveEngage would send (see {@link Notifications}):
 * the agent's events carry the conversation's next sequence (shared with the consumer's messages) and
 * {@code originatorMetadata.role} ASSIGNED_AGENT; accepting, transferring and closing produce a
 * {@code cqm.ExConversationChangeNotification} UPSERT.
 * <p>
 * The agent must {@link #accept accept} a conversation before it can speak in it. Bad input fails before any change:
 * {@link IllegalArgumentException} naming the field; an unknown conversation {@link NoSuchElementException}; a closed
 * conversation, or one this agent is not assigned to, {@link IllegalStateException}.
 */
public final class EmulatedAgent {

    /** The participant id of the emulator's default agent (a UUID, like LivePerson's agent ids). */
    public static final String DEFAULT_ID = UUID.nameUUIDFromBytes("lp-agent:emulator"
            .getBytes(StandardCharsets.UTF_8)).toString();
    public static final Set<String> CHAT_STATES = Set.of("ACTIVE", "INACTIVE", "GONE", "COMPOSING", "PAUSE");

    private final String id;
    private final ConversationStore conversations;
    private final Clock clock;

    EmulatedAgent(String id, ConversationStore conversations, Clock clock) {
        this.id = requireText(id, "agentId");
        this.conversations = conversations;
        this.clock = clock;
    }

    /** This agent's participant id ({@code originatorId} of its events). */
    public String id() {
        return id;
    }

    /** Joins the conversation as its assigned agent (nothing happens if it already is). */
    public EmulatedAgent accept(String conversationId) {
        refused(conversation(conversationId).accept(id, clock.instant()));
        return this;
    }

    /** Says {@code text} (a text/plain ContentEvent). @return its sequence */
    public long say(String conversationId, String text) {
        requireText(text, "text");
        // keys in the order of LivePerson's examples: type, message, contentType
        return publish(conversationId, event("ContentEvent").put("message", text).put("contentType", "text/plain"));
    }

    /**
     * Sends structured content (a RichContentEvent with the element tree in {@code content}, as LivePerson's
     * messaging APIs publish it; the DC schema names it {@code message}). @return its sequence
     */
    public long sendRichContent(String conversationId, JsonNode content) {
        if (content == null || !content.isObject() || !content.path("type").isTextual()) {
            throw new IllegalArgumentException("content must be a JSON object with a type, e.g. {\"type\":\"vertical\"}");
        }
        ObjectNode event = event("RichContentEvent");
        event.set("content", content.deepCopy());
        return publish(conversationId, event);
    }

    /** As {@link #sendRichContent(String, JsonNode)}, the content given as JSON text. */
    public long sendRichContent(String conversationId, String contentJson) {
        try {
            return sendRichContent(conversationId, Reply.MAPPER.readTree(requireText(contentJson, "content")));
        } catch (IOException e) {
            throw new IllegalArgumentException("content is not JSON: " + e.getMessage());
        }
    }

    /**
     * Sends a file hosted by LivePerson (a hosted/file ContentEvent).
     *
     * @param fileType one of IMG, JPG, JPEG, PNG, GIF, TXT, PDF
     * @param caption  optional
     * @return its sequence
     */
    public long sendFile(String conversationId, String relativePath, String fileType, String caption) {
        ObjectNode file = Reply.MAPPER.createObjectNode();
        if (caption != null) {
            file.put("caption", caption);
        }
        file.put("relativePath", requireText(relativePath, "relativePath"));
        file.put("fileType", requireText(fileType, "fileType"));
        ObjectNode event = event("ContentEvent");
        event.set("message", file);
        return publish(conversationId, event.put("contentType", "hosted/file"));
    }

    /** Sends a chat state (no sequence): ACTIVE, INACTIVE, GONE, COMPOSING or PAUSE. */
    public EmulatedAgent chatState(String conversationId, String chatState) {
        if (!CHAT_STATES.contains(chatState)) {
            throw new IllegalArgumentException("chatState must be one of " + CHAT_STATES + ", got " + chatState);
        }
        publish(conversationId, event("ChatStateEvent").put("chatState", chatState));
        return this;
    }

    /** The agent is typing: chat state COMPOSING. */
    public EmulatedAgent typing(String conversationId) {
        return chatState(conversationId, "COMPOSING");
    }

    /**
     * Read receipt (AcceptStatusEvent READ) for every message of the consumer not yet acknowledged.
     *
     * @return its sequence, or -1 when there was nothing to acknowledge (nothing is sent)
     */
    public long read(String conversationId) {
        return read(conversationId, (List<Long>) null);
    }

    /** Read receipt for the consumer's messages {@code sequences}. @return its sequence */
    public long read(String conversationId, long... sequences) {
        if (sequences == null || sequences.length == 0 || Arrays.stream(sequences).anyMatch(s -> s < 0)) {
            throw new IllegalArgumentException("sequences must hold one or more sequences >= 0");
        }
        return read(conversationId, Arrays.stream(sequences).boxed().toList());
    }

    private long read(String conversationId, List<Long> sequences) {
        StoredConversation c = conversation(conversationId);
        return checked(c, c.readAs(id, sequences, clock.instant()));
    }

    /** Hands the conversation back to the queue of {@code skillId}: no agent is assigned any more. */
    public EmulatedAgent transferToSkill(String conversationId, String skillId) {
        requireText(skillId, "skillId");
        refused(conversation(conversationId).transfer(id, null, skillId, clock.instant()));
        return this;
    }

    /** Hands the conversation to agent {@code agentId}, who becomes its assigned agent. */
    public EmulatedAgent transferToAgent(String conversationId, String agentId) {
        requireText(agentId, "agentId");
        refused(conversation(conversationId).transfer(id, agentId, null, clock.instant()));
        return this;
    }

    /** Closes the conversation (closeReason and closedBy AGENT). */
    public EmulatedAgent close(String conversationId) {
        StoredConversation c = conversation(conversationId);
        refused(conversations.closeByAgent(c, id));
        return this;
    }

    @Override
    public String toString() {
        return "EmulatedAgent[" + id + "]";
    }

    private long publish(String conversationId, ObjectNode event) {
        String problem = SendApiMessages.eventProblem(event);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        StoredConversation c = conversation(conversationId);
        return checked(c, c.publishAs(id, event, SendApiMessages.isSequenced(event), clock.instant()));
    }

    private long checked(StoredConversation c, long seq) {
        if (seq == StoredConversation.CLOSED) {
            throw new IllegalStateException("conversation " + c.id + " is closed");
        }
        if (seq == StoredConversation.NOT_ASSIGNED) {
            throw new IllegalStateException("agent " + id + " is not the assigned agent of conversation " + c.id
                    + "; accept it first");
        }
        return seq;
    }

    private StoredConversation conversation(String conversationId) {
        StoredConversation c = conversations.get(requireText(conversationId, "conversationId"));
        if (c == null) {
            throw new NoSuchElementException("no conversation '" + conversationId + "'");
        }
        return c;
    }

    private static void refused(String refusal) {
        if (refusal != null) {
            throw new IllegalStateException(refusal);
        }
    }

    private static ObjectNode event(String type) {
        return Reply.MAPPER.createObjectNode().put("type", type);
    }

    private static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }
}
