package io.github.lpconnector.camel;

import org.apache.camel.spi.Metadata;

/**
 * Names a route uses with the component: message headers, exchange properties and option defaults. Only the fields
 * annotated with {@link Metadata} are message headers.
 */
public final class LivePersonConnectorConstants {

    public static final String SCHEME = "liveperson-connector";

    @Metadata(description = "The id of the conversation. Set by `create` on its output and by `notifications` on"
                            + " every exchange; read by `send` and `close` to find the conversation to act on.",
              javaType = "String")
    public static final String CONVERSATION_ID = "conversationId";

    @Metadata(description = "Links a conversation to the caller's record (e.g. a CRM case id). Read by `create`,"
                            + " which records it with the conversation; set by `notifications` on every exchange of"
                            + " that conversation.",
              javaType = "String")
    public static final String CORRELATION_ID = "LivePersonCorrelationId";

    @Metadata(label = "producer", description = "The sequence number LivePerson gave the published message"
                                                + " (the first message of `create`, or the event of `send`).",
              javaType = "Long")
    public static final String MESSAGE_SEQUENCE = "LivePersonMessageSequence";

    @Metadata(label = "producer", description = "The path in LivePerson's file storage of the file `send` uploaded"
                                                + " (a `FileUpload` body); also set when publishing it failed.",
              javaType = "String")
    public static final String FILE_RELATIVE_PATH = "LivePersonFileRelativePath";

    @Metadata(label = "producer", description = "The HTTP status of the last answer from LivePerson.",
              javaType = "Integer")
    public static final String HTTP_STATUS = "LivePersonHttpStatus";

    @Metadata(label = "consumer", description = "The consumer (your stable user id) of the conversation, when the"
                                                + " component knows it: the ext consumer id `create` was called for.",
              javaType = "String")
    public static final String EXT_CONSUMER_ID = "LivePersonExtConsumerId";

    @Metadata(label = "consumer", description = "The dialog of the change: the conversation's id, or a survey"
                                                + " dialog's. Key on `conversationId`, not on this.",
              javaType = "String")
    public static final String DIALOG_ID = "LivePersonDialogId";

    @Metadata(label = "consumer", description = "The conversation-wide sequence number of a message or receipt;"
                                                + " absent for typing states and conversation changes.",
              javaType = "Long")
    public static final String SEQUENCE = "LivePersonSequence";

    @Metadata(label = "consumer", description = "What changed: `ContentEvent`, `RichContentEvent`,"
                                                + " `AcceptStatusEvent`, `ChatStateEvent` or"
                                                + " `ExConversationChangeNotification`.",
              javaType = "String")
    public static final String EVENT_TYPE = "LivePersonEventType";

    @Metadata(label = "consumer", description = "The participant id of the event's sender.", javaType = "String")
    public static final String ORIGINATOR_ID = "LivePersonOriginatorId";

    @Metadata(label = "consumer", description = "The role of the event's sender: `ASSIGNED_AGENT`, `CONSUMER`,"
                                                + " `MANAGER`, `CONTROLLER`...",
              javaType = "String")
    public static final String ORIGINATOR_ROLE = "LivePersonOriginatorRole";

    @Metadata(label = "consumer", description = "LiveEngage's time of the event, in epoch milliseconds.",
              javaType = "Long")
    public static final String SERVER_TIMESTAMP = "LivePersonServerTimestamp";

    @Metadata(label = "consumer", description = "The account the notification is for (header"
                                                + " `x-liveperson-account-id`).",
              javaType = "String")
    public static final String ACCOUNT_ID = "LivePersonAccountId";

    @Metadata(label = "consumer", description = "For a conversation change: its state, `OPEN` or `CLOSE`.",
              javaType = "String")
    public static final String CONVERSATION_STATE = "LivePersonConversationState";

    @Metadata(label = "consumer", description = "For a conversation change: its stage, `OPEN` or `CLOSE`.",
              javaType = "String")
    public static final String CONVERSATION_STAGE = "LivePersonConversationStage";

    @Metadata(label = "consumer", description = "For a closed conversation: why, e.g. `CONSUMER` or `AGENT`.",
              javaType = "String")
    public static final String CLOSE_REASON = "LivePersonCloseReason";

    @Metadata(label = "consumer", description = "What identifies the change across LiveEngage's deliveries of it"
                                                + " (account, conversation, and sequence or change time): the key the"
                                                + " idempotent repository records. Write it with the change to make a"
                                                + " downstream store idempotent. Absent for typing states.",
              javaType = "String")
    public static final String CHANGE_ID = "LivePersonChangeId";

    /** Exchange property holding the AppJWT, sent raw as {@code Authorization}. Wins over the {@code appJwt} option. */
    public static final String PROPERTY_APP_JWT = "LivePersonAppJwt";
    /** Exchange property holding the ConsumerJWS, sent as {@code X-LP-ON-BEHALF}. Wins over the {@code consumerJws} option. */
    public static final String PROPERTY_CONSUMER_JWS = "LivePersonConsumerJws";

    /**
     * Exchange property naming the consumer (your stable user id) whose ConsumerJWS the component obtains from the
     * IDP when no ConsumerJWS is given. Wins over the {@code extConsumerId} option.
     */
    public static final String PROPERTY_EXT_CONSUMER_ID = EXT_CONSUMER_ID;

    public static final String DEFAULT_API_VERSION = "3";
    public static final String DEFAULT_CSDS_DOMAIN = "api.liveperson.net";
    public static final int DEFAULT_CONSUMER_JWS_CACHE_SIZE = 10_000;
    public static final String DEFAULT_CHANNEL_TYPE = "MESSAGING";
    public static final int DEFAULT_CONNECT_TIMEOUT = 10_000;
    public static final int DEFAULT_REQUEST_TIMEOUT = 30_000;
    public static final int DEFAULT_MAX_RETRIES = 3;
    public static final long DEFAULT_RETRY_DELAY = 1_000;
    public static final long DEFAULT_MAX_RETRY_DELAY = 30_000;
    public static final int DEFAULT_MAX_CONNECTIONS = 256;
    public static final String DEFAULT_WEBHOOK_PATH = "/liveperson/notifications";
    public static final int DEFAULT_MAX_NOTIFICATION_SIZE = 1024 * 1024;
    public static final long DEFAULT_CORRELATION_WAIT = 2000;
    public static final String DEFAULT_EVENT_TYPES
            = "ContentEvent,RichContentEvent,AcceptStatusEvent,ChatStateEvent,ExConversationChangeNotification";
    public static final int DEFAULT_MAX_QUEUED_REQUESTS = 10_000;
    public static final long DEFAULT_MAX_QUEUE_WAIT = 60_000;

    private LivePersonConnectorConstants() {
    }
}
