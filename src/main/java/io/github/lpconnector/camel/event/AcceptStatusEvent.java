package io.github.lpconnector.camel.event;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Accept and read receipts for messages of the conversation, named by their sequence numbers:
 * {@code {"type":"AcceptStatusEvent","status":"READ","sequenceList":[1,2]}}.
 */
public record AcceptStatusEvent(Status status, List<Long> sequenceList) implements LivePersonEvent {

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
        return new AcceptStatusEvent(Status.READ, toList(sequences));
    }

    public static AcceptStatusEvent accept(long... sequences) {
        return new AcceptStatusEvent(Status.ACCEPT, toList(sequences));
    }

    private static List<Long> toList(long[] sequences) {
        return java.util.Arrays.stream(sequences).boxed().toList();
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("type", "AcceptStatusEvent");
        event.put("status", status != null ? status.name() : null);
        if (sequenceList != null) {
            ArrayNode list = event.putArray("sequenceList");
            sequenceList.forEach(list::add);
        }
        return event;
    }
}
