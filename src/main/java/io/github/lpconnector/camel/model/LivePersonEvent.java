package io.github.lpconnector.camel.model;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An event a consumer publishes with {@code liveperson-connector:send} ({@code ms.PublishEvent}), or as the first
 * message of {@code create}. Set one as the body; the component checks it like any other body before sending.
 */
public sealed interface LivePersonEvent {

    /** The {@code event} object as LivePerson expects it. */
    ObjectNode toJson();

    /**
     * A text message: {@code {"type":"ContentEvent","contentType":"text/plain","message":...}}. A plain String body
     * does the same.
     */
    record TextEvent(String message) implements LivePersonEvent {

        @Override
        public ObjectNode toJson() {
            ObjectNode event = ModelJson.NODES.objectNode();
            event.put("type", "ContentEvent");
            event.put("contentType", "text/plain");
            event.put("message", message);
            return event;
        }
    }

    /**
     * Typing and presence: {@code {"type":"ChatStateEvent","chatState":"COMPOSING"}}. After {@code COMPOSING}, send
     * another state to clear the agent's "typing" indicator; a text message does not.
     */
    record ChatStateEvent(ChatState chatState) implements LivePersonEvent {

        /** The states LivePerson accepts. */
        public enum ChatState {
            ACTIVE,
            INACTIVE,
            GONE,
            COMPOSING,
            PAUSE
        }

        public static ChatStateEvent composing() {
            return new ChatStateEvent(ChatState.COMPOSING);
        }

        public static ChatStateEvent pause() {
            return new ChatStateEvent(ChatState.PAUSE);
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode event = ModelJson.NODES.objectNode();
            event.put("type", "ChatStateEvent");
            event.put("chatState", chatState != null ? chatState.name() : null);
            return event;
        }
    }

    /**
     * Accept and read receipts for messages of the conversation, named by their sequence numbers:
     * {@code {"type":"AcceptStatusEvent","status":"READ","sequenceList":[1,2]}}.
     */
    record AcceptStatusEvent(Status status, List<Long> sequenceList) implements LivePersonEvent {

        /** ACCEPT, READ, ACCESS (file accessed), NACK, ACTION (answer to structured content). */
        public enum Status {
            ACCEPT,
            READ,
            ACCESS,
            NACK,
            ACTION
        }

        public AcceptStatusEvent {
            sequenceList = sequenceList != null ? List.copyOf(sequenceList) : null;
        }

        public static AcceptStatusEvent read(long... sequences) {
            return new AcceptStatusEvent(Status.READ, Arrays.stream(sequences).boxed().toList());
        }

        public static AcceptStatusEvent accept(long... sequences) {
            return new AcceptStatusEvent(Status.ACCEPT, Arrays.stream(sequences).boxed().toList());
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode event = ModelJson.NODES.objectNode();
            event.put("type", "AcceptStatusEvent");
            event.put("status", status != null ? status.name() : null);
            if (sequenceList != null) {
                ArrayNode list = event.putArray("sequenceList");
                sequenceList.forEach(list::add);
            }
            return event;
        }
    }

    /**
     * Structured content: {@code {"type":"RichContentEvent","content":{"type":"vertical","elements":[...]}}}, the
     * shape LivePerson's notification and bot documentation show.
     *
     * @param content the structured content: a {@link JsonNode}, a JSON object as a String, a Map, or any object
     *                Jackson writes as an object
     */
    record RichContentEvent(Object content) implements LivePersonEvent {

        @Override
        public ObjectNode toJson() {
            ObjectNode event = ModelJson.NODES.objectNode();
            event.put("type", "RichContentEvent");
            if (content != null) {
                event.set("content", ModelJson.tree(content));
            }
            return event;
        }
    }

    /**
     * A file uploaded to LivePerson's file storage beforehand ({@code ms.GenerateURLForUploadFile}, then a PUT):
     * {@code {"type":"ContentEvent","contentType":"hosted/file","message":{caption, relativePath, fileType, preview}}}.
     *
     * @param caption      text shown with the file
     * @param relativePath the path the upload URL call returned
     * @param fileType     JPG, JPEG, PNG, GIF (also IMG, TXT, PDF in LivePerson's schema)
     * @param preview      a small {@code data:image/...;base64,...} preview, or null
     */
    record HostedFileEvent(String caption, String relativePath, String fileType, String preview)
            implements LivePersonEvent {

        @Override
        public ObjectNode toJson() {
            ObjectNode event = ModelJson.NODES.objectNode();
            event.put("type", "ContentEvent");
            event.put("contentType", "hosted/file");
            ObjectNode message = event.putObject("message");
            message.put("caption", caption);
            message.put("relativePath", relativePath);
            message.put("fileType", fileType);
            if (preview != null) {
                message.put("preview", preview);
            }
            return event;
        }
    }
}
