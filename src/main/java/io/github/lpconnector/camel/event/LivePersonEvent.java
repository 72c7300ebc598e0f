package io.github.lpconnector.camel.event;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An event a consumer publishes with {@code liveperson-connector:send} ({@code ms.PublishEvent}). Set one as the
 * body; the component checks it like any other body before sending.
 */
public sealed interface LivePersonEvent permits TextEvent, ChatStateEvent, AcceptStatusEvent, RichContentEvent,
        HostedFileEvent {

    /** The {@code event} object as LivePerson expects it. */
    ObjectNode toJson();
}
