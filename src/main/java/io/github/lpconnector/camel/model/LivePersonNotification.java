package io.github.lpconnector.camel.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One change LiveEngage notified the connector of, the body of an exchange of
 * {@code from("liveperson-connector:notifications")}: a message, receipt or typing state in a conversation
 * ({@code ms.MessagingEventNotification}), or a change of the conversation itself
 * ({@code cqm.ExConversationChangeNotification}). Jackson writes it as JSON with a {@code kind} field naming the
 * record; a type converter gives that JSON as a String, e.g. for a Kafka or HTTP step.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = LivePersonNotification.Text.class, name = "text"),
        @JsonSubTypes.Type(value = LivePersonNotification.HostedFile.class, name = "hostedFile"),
        @JsonSubTypes.Type(value = LivePersonNotification.RichContent.class, name = "richContent"),
        @JsonSubTypes.Type(value = LivePersonNotification.AcceptStatus.class, name = "acceptStatus"),
        @JsonSubTypes.Type(value = LivePersonNotification.ChatState.class, name = "chatState"),
        @JsonSubTypes.Type(value = LivePersonNotification.ConversationChange.class, name = "conversationChange") })
public sealed interface LivePersonNotification {

    /** The conversation the change belongs to ({@code conversationId}, else {@code dialogId}; {@code convId} for cqm). */
    String conversationId();

    /**
     * Who sent a messaging event, and where it sits in the conversation.
     *
     * @param conversationId  the conversation ({@code conversationId}, else {@code dialogId})
     * @param dialogId        the dialog: the conversation's id, or a survey dialog's
     * @param sequence        the conversation-wide sequence number, or null (typing states have none)
     * @param originatorId    the participant id of the sender
     * @param originatorRole  {@code ASSIGNED_AGENT}, {@code CONSUMER}, {@code MANAGER}, {@code CONTROLLER}...
     * @param serverTimestamp LiveEngage's time of the event in epoch milliseconds, or null
     */
    record Origin(String conversationId, String dialogId, Long sequence, String originatorId, String originatorRole,
            Long serverTimestamp) {
    }

    /** A messaging event: its {@link Origin} and its content. */
    sealed interface MessagingEvent extends LivePersonNotification {

        Origin origin();

        @Override
        default String conversationId() {
            return origin().conversationId();
        }
    }

    /** A text message ({@code ContentEvent}, {@code text/plain} or another text content type). */
    record Text(Origin origin, String message, String contentType) implements MessagingEvent {
    }

    /** A file in LivePerson's storage ({@code ContentEvent} with {@code hosted/file}). */
    record HostedFile(Origin origin, String caption, String relativePath, String fileType, String preview)
            implements MessagingEvent {
    }

    /** Structured content ({@code RichContentEvent}), with its quick replies when it has any. */
    record RichContent(Origin origin, JsonNode content, JsonNode quickReplies) implements MessagingEvent {
    }

    /**
     * A receipt ({@code AcceptStatusEvent}): {@code status} (ACCEPT, READ, ACCESS, NACK, ACTION) of the messages
     * {@code sequenceList} names.
     */
    record AcceptStatus(Origin origin, String status, List<Long> sequenceList) implements MessagingEvent {
    }

    /** Typing and presence ({@code ChatStateEvent}): ACTIVE, INACTIVE, GONE, COMPOSING or PAUSE. */
    record ChatState(Origin origin, String chatState) implements MessagingEvent {
    }

    /**
     * The conversation changed ({@code cqm.ExConversationChangeNotification}): opened, assigned, transferred,
     * closed.
     *
     * @param conversationId       {@code result.convId}
     * @param changeType           {@code UPSERT} or {@code DELETE}
     * @param state                {@code OPEN} or {@code CLOSE}
     * @param stage                {@code OPEN} or {@code CLOSE}, when given
     * @param closeReason          e.g. {@code CONSUMER}, {@code AGENT}, when closed
     * @param metaDataLastUpdateTs the time of this state, for ordering changes that arrive out of order
     * @param participants         the participants and their roles
     * @param details              the whole {@code conversationDetails} object, as LiveEngage sent it
     */
    record ConversationChange(String conversationId, String changeType, String state, String stage,
            String closeReason, Long metaDataLastUpdateTs, List<Participant> participants, JsonNode details)
            implements LivePersonNotification {
    }

    /** A participant of a conversation: its id and role ({@code CONSUMER}, {@code ASSIGNED_AGENT}...). */
    record Participant(String id, String role) {
    }
}
