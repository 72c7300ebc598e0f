package io.github.lpconnector.camel;

/**
 * LivePerson answered HTTP 200, but refused one of the requests inside it. When the conversation itself was opened
 * (for example only the first message was refused), {@link #getConversationId()} holds its id and the
 * {@code conversationId} header is set too: resend the message with {@code send} rather than opening a second
 * conversation. {@link #getHttpResponseCode()} is the item's code as a number (0 when it is not numeric);
 * {@link #getErrorCode()} is LivePerson's errorCode from the item's body.
 * <p>
 * {@link #isConversationAlreadyOpen()} tells the case of a consumer who already has an open conversation (one per
 * consumer at a time): {@code create} opened nothing.
 */
public class LivePersonRequestFailedException extends LivePersonResponseException {

    /** The errorCode of "this consumer already has an open conversation" on {@code cm.ConsumerRequestConversation}. */
    public static final int CONVERSATION_ALREADY_OPEN = 40011;

    private static final String REQUEST_CONVERSATION = "cm.ConsumerRequestConversation";

    private final String requestType;
    private final String requestId;
    private final String code;
    private final String responseBody;
    private final String conversationId;
    private final Integer errorCode;

    public LivePersonRequestFailedException(String requestType, String requestId, String code, String responseBody,
                                            String conversationId) {
        this(requestType, requestId, code, responseBody, conversationId, null);
    }

    /** @param errorCode LivePerson's errorCode from the item's body, or null when it had none */
    public LivePersonRequestFailedException(String requestType, String requestId, String code, String responseBody,
                                            String conversationId, Integer errorCode) {
        super(describe(requestType, requestId, code, conversationId, errorCode), parseCode(code), code, null);
        this.requestType = requestType;
        this.requestId = requestId;
        this.code = code;
        this.responseBody = responseBody;
        this.conversationId = conversationId;
        this.errorCode = errorCode;
    }

    private static String describe(String requestType, String requestId, String code, String conversationId,
                                   Integer errorCode) {
        StringBuilder sb = new StringBuilder("LivePerson refused ").append(requestType).append(" (reqId ")
                .append(requestId).append(") with code ").append(code);
        if (errorCode != null) {
            sb.append(", errorCode ").append(errorCode);
        }
        if (isAlreadyOpen(requestType, errorCode)) {
            sb.append(": this consumer already has an open conversation, and LivePerson allows one at a time."
                      + " Nothing was opened: send into the open conversation with the conversationId its create"
                      + " returned, or close that one first; the Send API cannot look it up");
        }
        if (conversationId != null) {
            sb.append("; the conversation ").append(conversationId).append(" was opened");
        }
        return sb.toString();
    }

    private static boolean isAlreadyOpen(String requestType, Integer errorCode) {
        return REQUEST_CONVERSATION.equals(requestType) && errorCode != null && errorCode == CONVERSATION_ALREADY_OPEN;
    }

    private static int parseCode(String code) {
        try {
            return Integer.parseInt(code);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The type of the refused request, e.g. {@code ms.PublishEvent}. */
    public String getRequestType() {
        return requestType;
    }

    /** The id of the refused request, as echoed in {@code reqId}. */
    public String getRequestId() {
        return requestId;
    }

    /** The item's {@code code} as LivePerson sent it (e.g. {@code 400}), or {@code missing} when no answer came. */
    public String getCode() {
        return code;
    }

    /** The item's {@code body} as JSON text. */
    public String getResponseBody() {
        return responseBody;
    }

    /** LivePerson's errorCode from the item's body (e.g. {@value #CONVERSATION_ALREADY_OPEN}), or null. */
    public Integer getErrorCode() {
        return errorCode;
    }

    /**
     * True when {@code create} was refused because the consumer already has an open conversation (errorCode
     * {@value #CONVERSATION_ALREADY_OPEN} on {@code cm.ConsumerRequestConversation}).
     */
    public boolean isConversationAlreadyOpen() {
        return isAlreadyOpen(requestType, errorCode);
    }

    /** The id of the conversation that was opened despite the failure, or null when none was. */
    public String getConversationId() {
        return conversationId;
    }
}
