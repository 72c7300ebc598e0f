package io.github.lpconnector.camel.emulator;

import static io.github.lpconnector.camel.emulator.EmulatedMessage.ASSIGNED_AGENT;
import static io.github.lpconnector.camel.emulator.EmulatedMessage.CONSUMER;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One conversation as the emulator stores it, changed by CREATE and SEND (the consumer) and by {@link EmulatedAgent}:
 * its state, routing (skill, assigned agent), the consumer's latest profile and the published events with their
 * sequences, which consumer and agent share. Thread-safe; every change is told to the {@link ConversationListener}
 * while the monitor is held. Tests read it through {@link #snapshot()}, an immutable {@link EmulatedConversation}.
 */
final class StoredConversation {

    /** Returned by {@link #publish} and {@link #publishAs} when the conversation is closed. */
    static final long CLOSED = Long.MIN_VALUE;
    /** Returned by {@link #publishAs} when the agent is not the conversation's assigned agent. */
    static final long NOT_ASSIGNED = Long.MIN_VALUE + 1;
    /** Returned by {@link #readAs} when there was nothing to acknowledge (nothing published). */
    static final long NOTHING = -1;
    static final String CLOSED_BY_AGENT = "AGENT";

    final String id;
    final String accountId;
    final String brandId;
    final String extConsumerId;
    final String lpConsumerId;
    /** The {@code cm.ConsumerRequestConversation} body as received. */
    final JsonNode request;
    final Instant createdAt;
    private final ConversationListener listener;
    private JsonNode userProfile;
    private String state = EmulatedConversation.OPEN;
    private final List<EmulatedMessage> messages = new ArrayList<>();
    private long nextSequence;
    private String skillId;
    private String agentId;
    private String closedBy;
    private long endTs = -1;
    private long metaDataLastUpdateTs;
    /** The consumer's sequences up to this one were acknowledged READ by an agent. */
    private long readUpTo = -1;
    private JsonNode csat;

    StoredConversation(String id, String accountId, String brandId, String extConsumerId, String lpConsumerId,
            JsonNode request, JsonNode userProfile, Instant createdAt) {
        this(id, accountId, brandId, extConsumerId, lpConsumerId, request, userProfile, createdAt,
                ConversationListener.NONE);
    }

    StoredConversation(String id, String accountId, String brandId, String extConsumerId, String lpConsumerId,
            JsonNode request, JsonNode userProfile, Instant createdAt, ConversationListener listener) {
        this.id = id;
        this.accountId = accountId;
        this.brandId = brandId;
        this.extConsumerId = extConsumerId;
        this.lpConsumerId = lpConsumerId;
        this.request = request;
        this.userProfile = userProfile;
        this.createdAt = createdAt;
        this.listener = listener;
        JsonNode skill = request == null ? null : request.get("skillId");
        this.skillId = skill != null && skill.isValueNode() && !skill.asText().isBlank() ? skill.asText() : "-1";
        this.metaDataLastUpdateTs = createdAt.toEpochMilli();
    }

    /** Tells the listener the conversation is open; called once by the store, before anyone else can see it. */
    synchronized void announceOpened() {
        listener.opened(this, details());
    }

    /** A consumer's event. @return the assigned sequence, -1 for unsequenced events, {@link #CLOSED} if closed */
    synchronized long publish(JsonNode event, boolean sequenced, Instant at) {
        return append(event, sequenced, at, lpConsumerId, CONSUMER);
    }

    /** An agent's event: {@link #NOT_ASSIGNED} unless {@code agent} is the assigned agent, else as {@link #publish}. */
    synchronized long publishAs(String agent, JsonNode event, boolean sequenced, Instant at) {
        if (isOpen() && !agent.equals(agentId)) {
            return NOT_ASSIGNED;
        }
        return append(event, sequenced, at, agent, ASSIGNED_AGENT);
    }

    /**
     * The agent acknowledges the consumer's messages as READ: {@code sequences}, or (null) every consumer message
     * with a sequence above the last acknowledged one.
     *
     * @return the sequence of the AcceptStatusEvent, {@link #NOTHING} when there was nothing to acknowledge, or
     *         {@link #CLOSED} / {@link #NOT_ASSIGNED}
     */
    synchronized long readAs(String agent, List<Long> sequences, Instant at) {
        if (isOpen() && !agent.equals(agentId)) {
            return NOT_ASSIGNED;
        }
        List<Long> acknowledged = sequences;
        if (acknowledged == null) {
            acknowledged = messages.stream().filter(m -> m.fromConsumer() && m.sequence() > readUpTo
                    && !"AcceptStatusEvent".equals(m.eventType())).map(EmulatedMessage::sequence).toList();
        }
        if (acknowledged.isEmpty() && isOpen()) {
            return NOTHING;
        }
        JsonNode event = Reply.MAPPER.createObjectNode().put("type", "AcceptStatusEvent").put("status", "READ")
                .set("sequenceList", Reply.MAPPER.valueToTree(acknowledged));
        long seq = append(event, true, at, agent, ASSIGNED_AGENT);
        if (seq >= 0) {
            readUpTo = Math.max(readUpTo, acknowledged.stream().mapToLong(Long::longValue).max().orElse(-1));
        }
        return seq;
    }

    private long append(JsonNode event, boolean sequenced, Instant at, String originatorId, String role) {
        if (!isOpen()) {
            return CLOSED;
        }
        long seq = sequenced ? nextSequence++ : -1;
        EmulatedMessage message = new EmulatedMessage(seq, event, at, originatorId, role);
        messages.add(message);
        listener.published(this, message);
        return seq;
    }

    /**
     * {@code agent} accepts (joins) the conversation as its assigned agent.
     *
     * @return null if done (or {@code agent} was assigned already: nothing changes), else why not
     */
    synchronized String accept(String agent, Instant at) {
        if (!isOpen()) {
            return "conversation " + id + " is closed";
        }
        if (agent.equals(agentId)) {
            return null;
        }
        if (agentId != null) {
            return "conversation " + id + " is assigned to agent " + agentId + "; transfer it first";
        }
        agentId = agent;
        changed(at);
        return null;
    }

    /**
     * The assigned agent {@code from} hands the conversation to agent {@code toAgent}, or (toAgent null) back to the
     * queue of skill {@code toSkill} with no agent.
     *
     * @return null if done, else why not
     */
    synchronized String transfer(String from, String toAgent, String toSkill, Instant at) {
        String refusal = assignedRefusal(from);
        if (refusal != null) {
            return refusal;
        }
        if (toAgent != null) {
            agentId = toAgent;
        } else {
            agentId = null;
            skillId = toSkill;
        }
        changed(at);
        return null;
    }

    /** The consumer closes the conversation. @return true if this call closed it */
    synchronized boolean close() {
        return closeByConsumer(Instant.now());
    }

    /** The consumer closes the conversation at {@code at}. @return true if this call closed it */
    synchronized boolean closeByConsumer(Instant at) {
        return close(CONSUMER, at) == null;
    }

    /** The assigned agent {@code agent} closes the conversation. @return null if this call closed it, else why not */
    synchronized String closeByAgent(String agent, Instant at) {
        String refusal = assignedRefusal(agent);
        return refusal != null ? refusal : close(CLOSED_BY_AGENT, at);
    }

    private String close(String by, Instant at) {
        if (!isOpen()) {
            return "conversation " + id + " is closed";
        }
        state = EmulatedConversation.CLOSE;
        closedBy = by;
        endTs = nextUpdateTs(at);
        listener.closed(this, details());
        return null;
    }

    private String assignedRefusal(String agent) {
        if (!isOpen()) {
            return "conversation " + id + " is closed";
        }
        return agent.equals(agentId) ? null
                : "agent " + agent + " is not the assigned agent of conversation " + id + " (" + agentId + ")";
    }

    private void changed(Instant at) {
        nextUpdateTs(at);
        listener.changed(this, details());
    }

    /** metaDataLastUpdateTs only grows, also when two changes fall in the same millisecond. */
    private long nextUpdateTs(Instant at) {
        metaDataLastUpdateTs = Math.max(at.toEpochMilli(), metaDataLastUpdateTs + 1);
        return metaDataLastUpdateTs;
    }

    synchronized boolean isOpen() {
        return EmulatedConversation.OPEN.equals(state);
    }

    synchronized void userProfile(JsonNode profile) {
        this.userProfile = profile;
    }

    synchronized ConversationListener.Details details() {
        return new ConversationListener.Details(id, brandId, lpConsumerId, skillId, agentId, state, closedBy,
                createdAt.toEpochMilli(), endTs, metaDataLastUpdateTs);
    }

    /** The last CSAT the consumer gave ({@code cm.UpdateConversationField} with {@code CSATRate}), or null. */
    synchronized JsonNode csat() {
        return csat;
    }

    synchronized void csat(JsonNode field) {
        this.csat = field;
    }

    synchronized EmulatedConversation snapshot() {
        return new EmulatedConversation(id, accountId, brandId, extConsumerId, lpConsumerId, state, request,
                userProfile, messages, createdAt, skillId, agentId, closedBy);
    }
}
