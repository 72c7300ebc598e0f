package io.github.lpconnector.camel;

/**
 * The exchange cannot become a valid request: nothing was sent to LivePerson. Retrying the same exchange fails the
 * same way, so routes usually send it to a dead-letter channel.
 */
public class LivePersonValidationException extends LivePersonConnectorException {

    private final String field;

    /**
     * @param field  where the problem is, as a path into the body, e.g. {@code conversation.brandId} or
     *               {@code batch[1].type}, or the name of the exchange property or option
     * @param reason what is wrong there
     */
    public LivePersonValidationException(String field, String reason) {
        super("Invalid " + field + ": " + reason);
        this.field = field;
    }

    public LivePersonValidationException(String field, String reason, Throwable cause) {
        super("Invalid " + field + ": " + reason, cause);
        this.field = field;
    }

    /** Where the problem is: a path into the body, or the name of an exchange property or option. */
    public String getField() {
        return field;
    }
}
