package io.github.lpconnector.camel;

/**
 * The component could not obtain what it needs to call the Connector API on its own: the hosts from the Domain API,
 * the AppJWT from Sentinel or the ConsumerJWS from the IDP. {@link #getStep()} says which, the HTTP status (0 when
 * no answer came) says how. Nothing was sent to the messaging service. Neither message nor fields ever hold a
 * secret or a token.
 */
public class LivePersonAuthenticationException extends LivePersonResponseException {

    /** The step that failed. */
    public enum Step {
        /** {@code GET .../service/baseURI.json} at {@code csdsDomain}. */
        DOMAIN_LOOKUP,
        /** {@code POST .../app/token} at Sentinel (client credentials). */
        APP_JWT,
        /** {@code POST .../consumer} at the IDP. */
        CONSUMER_JWS
    }

    private final Step step;
    private final String error;

    /**
     * @param step   the failed step
     * @param status the HTTP status of the answer, 0 when there was none
     * @param error  LivePerson's error code or title from the answer (e.g. {@code invalid_client}), or null
     * @param detail what went wrong, without secrets
     * @param cause  the underlying failure, or null
     */
    public LivePersonAuthenticationException(Step step, int status, String error, String detail, Throwable cause) {
        super("LivePerson " + step + " failed" + (status > 0 ? " with HTTP " + status : "")
              + (error != null ? " (" + error + ")" : "") + ": " + detail, status, error, cause);
        this.step = step;
        this.error = error;
    }

    /** Which call failed: the domain lookup, the AppJWT or the ConsumerJWS. */
    public Step getStep() {
        return step;
    }

    /** LivePerson's error code or title (e.g. {@code invalid_client}, {@code 40001}), or null. */
    public String getError() {
        return error;
    }
}
