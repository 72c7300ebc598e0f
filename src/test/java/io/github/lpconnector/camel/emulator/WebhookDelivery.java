package io.github.lpconnector.camel.emulator;

import java.time.Instant;

/**
 * One delivery attempt of a webhook notification and its answer, as {@link Webhooks#deliveries()} lists it.
 *
 * @param notificationId the emulator's number of the notification (all attempts of one notification share it)
 * @param type           the manifest type key, e.g. {@code ms.MessagingEventNotification.ContentEvent}
 * @param conversationId the conversation the notification belongs to
 * @param sequence       the change's {@code sequence}, -1 when it has none (chat states, conversation changes)
 * @param attempt        1 for the first attempt, 2 for the first retry, ...; a duplicate copy has its original's
 * @param endpoint       the URL the attempt went to ("" when there was none)
 * @param status         the HTTP status the endpoint answered, 0 when it gave none
 * @param failure        null when the endpoint answered in time; else "timeout", "connect timeout", "refused",
 *                       "dropped", "io" or "unregistered" (the type's registration was removed meanwhile)
 * @param fault          the injected fault, null for none: "refuse", "drop", "timeout", "duplicate" (this attempt is
 *                       the extra copy) or "reorder" (this notification overtook the one queued before it)
 * @param at             when the attempt ended (emulator clock)
 */
public record WebhookDelivery(long notificationId, String type, String conversationId, long sequence, int attempt,
        String endpoint, int status, String failure, String fault, Instant at) {

    /** As LivePerson counts it: answered 200 or 201 in time (204 and any other answer are failures). */
    public boolean delivered() {
        return failure == null && (status == 200 || status == 201);
    }

    /** The answer as the counters name it: "answer 200", "failure timeout", ... */
    public String outcome() {
        return failure == null ? "answer " + status : "failure " + failure;
    }
}
