package io.github.lpconnector.camel.internal;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lpconnector.camel.LivePersonValidationException;
import io.github.lpconnector.camel.model.CsatRating;

/**
 * The CSAT {@code conversationField} of a {@code cm.UpdateConversationField}, as LivePerson's schema (types/csat.json)
 * and CSAT example give it: {@code field} CSATRate, {@code csatRate} 1..5, {@code csatResolutionConfirmation} a
 * boolean, {@code status} FILLED, PARTIALLY_FILLED or SKIPPED, all four required.
 */
final class CsatFields {

    private static final Set<String> STATUSES = Set.of("FILLED", "PARTIALLY_FILLED", "SKIPPED");
    private static final Set<String> FIELDS = Set.of("field", "csatRate", "csatResolutionConfirmation", "status");
    private static final String AT = "body.";

    private CsatFields() {
    }

    static ObjectNode of(CsatRating rating) {
        return rating.toJson();
    }

    /** {@code field} checked, naming the first wrong member. */
    static ObjectNode check(ObjectNode field) {
        for (String name : (Iterable<String>) field::fieldNames) {
            if (!FIELDS.contains(name)) {
                throw new LivePersonValidationException(AT + name, "unknown key of a CSAT rating; expected " + FIELDS);
            }
        }
        JsonNode rate = field.get("csatRate");
        if (rate == null || !rate.isIntegralNumber() || rate.asInt() < 1 || rate.asInt() > 5) {
            throw new LivePersonValidationException(AT + "csatRate", "expected an integer from 1 to 5");
        }
        JsonNode resolved = field.get("csatResolutionConfirmation");
        if (resolved == null || !resolved.isBoolean()) {
            throw new LivePersonValidationException(AT + "csatResolutionConfirmation", "expected true or false");
        }
        JsonNode status = field.get("status");
        if (status == null || !status.isTextual() || !STATUSES.contains(status.asText())) {
            throw new LivePersonValidationException(AT + "status", "expected one of " + STATUSES);
        }
        return field;
    }
}
