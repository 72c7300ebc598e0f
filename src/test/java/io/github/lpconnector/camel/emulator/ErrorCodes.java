package io.github.lpconnector.camel.emulator;

/**
 * The {@code errorCode} values the emulator puts in its error bodies
 * ({@code {"kind":"resp","code":S,"body":{"title":..,"details":..,"errorCode":N},"type":".ReqBody$ErrorResp"}}).
 * <p>
 * 40001 and 40102..40105 are LivePerson's documented codes (sendapi-error-codes.md). All others are the emulator's
 * own inventions, following LivePerson's rule "HTTP status x 100 + a sequence number": real LivePerson bodies for
 * those cases are undocumented, so clients must not depend on them.
 */
public final class ErrorCodes {

    /** Documented: "Missing parameter" (Brand Id is missing, or the AppJWT lacks required claims). */
    public static final int MISSING_PARAMETER = 40001;
    public static final int MALFORMED_REQUEST = 40002;
    public static final int INVALID_BATCH = 40003;
    public static final int UNKNOWN_TYPE = 40004;
    public static final int INVALID_REQUEST_ID = 40005;
    public static final int INVALID_BRAND_ID = 40006;
    public static final int INVALID_VERSION = 40007;
    public static final int INVALID_EVENT = 40008;
    public static final int CONVERSATION_NOT_FOUND = 40009;
    public static final int CONVERSATION_CLOSED = 40010;
    public static final int CONVERSATION_ALREADY_OPEN = 40011;
    public static final int INVALID_FIELD = 40012;
    /** A file URL request the file-sharing limits refuse (size, type, or a path outside the account). */
    public static final int INVALID_FILE = 40013;
    /** Documented: "Invalid AppJWT" (expired or invalid). */
    public static final int INVALID_APP_JWT = 40102;
    /** Documented: "Invalid ConsumerJWS". */
    public static final int INVALID_CONSUMER_JWS = 40103;
    /** Documented (table): "ConsumerJWS is missing" - X_ON_BEHALF_HEADER is not present. */
    public static final int CONSUMER_JWS_MISSING = 40104;
    /** Documented (table): "AppJWT is missing" - AUTHORIZATION header is not present. */
    public static final int APP_JWT_MISSING = 40105;
    /** The ConsumerJWS is valid but the conversation belongs to another consumer. */
    public static final int NOT_CONVERSATION_OWNER = 40106;
    public static final int NOT_FOUND = 40401;
    public static final int METHOD_NOT_ALLOWED = 40501;
    /** An agent act the conversation's state does not allow (closed, or another agent assigned). */
    public static final int CONFLICT = 40901;
    public static final int UNSUPPORTED_MEDIA_TYPE = 41501;
    public static final int TOO_MANY_REQUESTS = 42901;
    public static final int INJECTED_FAULT = 99901;

    private ErrorCodes() {
    }
}
