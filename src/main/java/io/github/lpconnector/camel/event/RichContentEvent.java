package io.github.lpconnector.camel.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lpconnector.camel.LivePersonJson;

/**
 * Structured content: {@code {"type":"RichContentEvent","content":{"type":"vertical","elements":[...]}}}. The
 * content goes in {@code content}, as LivePerson's notification and bot documentation show it.
 *
 * @param content the structured content: a {@link JsonNode}, a Map or any object Jackson writes as an object
 */
public record RichContentEvent(Object content) implements LivePersonEvent {

    @Override
    public ObjectNode toJson() {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("type", "RichContentEvent");
        if (content != null) {
            event.set("content", content instanceof JsonNode node ? node.deepCopy()
                    : LivePersonJson.MAPPER.valueToTree(content));
        }
        return event;
    }
}
