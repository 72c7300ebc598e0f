package io.github.lpconnector.camel.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.lpconnector.camel.model.LivePersonNotification;
import org.apache.camel.Converter;

/** A notification as its JSON text, e.g. for a Kafka record or an HTTP body. */
@Converter(generateLoader = true)
final class NotificationConverter {

    private NotificationConverter() {
    }

    @Converter
    static String toJson(LivePersonNotification notification) throws JsonProcessingException {
        return Json.MAPPER.writeValueAsString(notification);
    }

    @Converter
    static byte[] toJsonBytes(LivePersonNotification notification) throws JsonProcessingException {
        return Json.MAPPER.writeValueAsBytes(notification);
    }
}
