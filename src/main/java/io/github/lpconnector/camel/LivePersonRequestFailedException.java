package io.github.lpconnector.camel;

/**
 * LivePerson answered HTTP 200, but refused one of the requests inside it. When the conversation itself was opened
 * (for example only the first message was refused), {@link #getConversationId()} holds its id and the
 * {@code conversationId} header is set too: resend the message with {@code send} rather than opening a second
 * conversation. {@link #getHttpResponseCode()} is the item's code as a number (0 when it is not numeric).
 */
public class LivePersonRequestFailedException extends LivePersonResponseException {

    private final String requestType;
    private final String requestId;
    private final String code;
    private final String responseBody;
    private final String conversationId;

    public LivePersonRequestFailedException(String requestType, String requestId, String code, String responseBody,
                                            String conversationId) {
        super("LivePerson refused " + requestType + " (reqId " + requestId + ") with code " + code
              + (conversationId != null ? "; the conversation " + conversationId + " was opened" : ""),
              parseCode(code), code, null);
        this.requestType = requestType;
        this.requestId = requestId;
        this.code = code;
        this.responseBody = responseBody;
        this.conversationId = conversationId;
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

    /** The id of the conversation that was opened despite the failure, or null when none was. */
    public String getConversationId() {
        return conversationId;
    }
}
