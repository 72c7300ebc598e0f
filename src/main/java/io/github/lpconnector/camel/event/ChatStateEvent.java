package io.github.lpconnector.camel.event;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Typing and presence: {@code {"type":"ChatStateEvent","chatState":"COMPOSING"}}. After {@code COMPOSING}, send
 * another state to clear the agent's "typing" indicator; a text message does not.
 */
public record ChatStateEvent(ChatState chatState) implements LivePersonEvent {

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
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("type", "ChatStateEvent");
        event.put("chatState", chatState != null ? chatState.name() : null);
        return event;
    }
}
