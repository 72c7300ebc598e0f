package io.github.lpconnector.camel.result;

import java.util.Objects;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * LivePerson's answer to one request of a batch: {@code reqId}, {@code type}, {@code code} and {@code body}. Equal
 * when those four are; serialised by Jackson as an object with those four fields.
 * <p>
 * The body of a CREATE answer is read as a tree only when {@link #body()} is first called: an exchange that only
 * wants the conversation id never pays for the trees of three bodies.
 */
@JsonPropertyOrder({ "reqId", "type", "code", "body" })
public final class RequestOutcome {

    private final String reqId;
    private final String type;
    private final String code;
    private Supplier<JsonNode> bodyReader;
    private volatile JsonNode body;

    /**
     * @param reqId the request id echoed by LivePerson
     * @param type  the type of the request it answers, e.g. {@code cm.ConsumerRequestConversation}
     * @param code  the item's code as sent: {@code OK}, or an HTTP-like number such as {@code 400}
     * @param body  the item's body, or null
     */
    @JsonCreator
    public RequestOutcome(@JsonProperty("reqId") String reqId, @JsonProperty("type") String type,
                          @JsonProperty("code") String code, @JsonProperty("body") JsonNode body) {
        this.reqId = reqId;
        this.type = type;
        this.code = code;
        this.body = body;
    }

    /** An outcome whose body {@code bodyReader} reads on first use (it returns null for an item without a body). */
    static RequestOutcome withLazyBody(String reqId, String type, String code, Supplier<JsonNode> bodyReader) {
        RequestOutcome outcome = new RequestOutcome(reqId, type, code, null);
        outcome.bodyReader = bodyReader;
        return outcome;
    }

    /** The request id echoed by LivePerson. */
    @JsonProperty("reqId")
    public String reqId() {
        return reqId;
    }

    /** The type of the request this answers, e.g. {@code cm.ConsumerRequestConversation}. */
    @JsonProperty("type")
    public String type() {
        return type;
    }

    /** The item's code as sent: {@code OK}, or an HTTP-like number such as {@code 400}; "missing" when not answered. */
    @JsonProperty("code")
    public String code() {
        return code;
    }

    /** The item's body, or null when it has none. */
    @JsonProperty("body")
    public JsonNode body() {
        JsonNode read = body;
        if (read == null) {
            synchronized (this) {
                read = body;
                if (read == null && bodyReader != null) {
                    read = bodyReader.get();
                    body = read;
                    bodyReader = null;
                }
            }
        }
        return read;
    }

    @JsonIgnore
    public boolean isOk() {
        return "OK".equalsIgnoreCase(code) || "200".equals(code) || "201".equals(code);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof RequestOutcome other && Objects.equals(reqId, other.reqId)
                            && Objects.equals(type, other.type) && Objects.equals(code, other.code)
                            && Objects.equals(body(), other.body());
    }

    @Override
    public int hashCode() {
        return Objects.hash(reqId, type, code, body());
    }

    @Override
    public String toString() {
        return "RequestOutcome[reqId=" + reqId + ", type=" + type + ", code=" + code + ", body=" + body() + "]";
    }
}
