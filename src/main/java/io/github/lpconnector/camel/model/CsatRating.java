package io.github.lpconnector.camel.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The consumer's satisfaction rating, as a body of {@code liveperson-connector:send}: the component sends it as
 * {@code cm.UpdateConversationField} with
 * {@code {"field":"CSATRate","csatRate":5,"csatResolutionConfirmation":true,"status":"FILLED"}} (LivePerson's CSAT
 * example and schema), usually after {@code close}: LivePerson takes the rating of a closed conversation. It is not
 * an event ({@link LivePersonEvent}): it sets a field of the conversation, and gets no sequence. A Map or JSON body
 * with {@code "field":"CSATRate"} does the same.
 *
 * @param rate                   1 to 5
 * @param resolutionConfirmation whether the consumer confirms the issue was resolved
 * @param status                 how much of the survey the consumer filled in
 */
public record CsatRating(int rate, boolean resolutionConfirmation, Status status) {

    /** LivePerson's CSAT statuses. */
    public enum Status {
        FILLED,
        PARTIALLY_FILLED,
        SKIPPED
    }

    /** A filled-in rating. */
    public static CsatRating filled(int rate, boolean resolutionConfirmation) {
        return new CsatRating(rate, resolutionConfirmation, Status.FILLED);
    }

    /** The {@code conversationField} object as LivePerson expects it. */
    public ObjectNode toJson() {
        ObjectNode field = ModelJson.NODES.objectNode();
        field.put("field", "CSATRate");
        field.put("csatRate", rate);
        field.put("csatResolutionConfirmation", resolutionConfirmation);
        field.put("status", status != null ? status.name() : null);
        return field;
    }
}
