package io.github.lpconnector.camel;

import org.apache.camel.spi.Metadata;

/**
 * Names a route uses with the component: message headers, exchange properties and option defaults. Only the fields
 * annotated with {@link Metadata} are message headers.
 */
public final class LivePersonConnectorConstants {

    public static final String SCHEME = "liveperson-connector";

    @Metadata(label = "producer", description = "The id of the conversation. Set by `create` on its output;"
                                                + " read by `send` and `close` to find the conversation to act on.",
              javaType = "String")
    public static final String CONVERSATION_ID = "conversationId";

    @Metadata(label = "producer", description = "The sequence number LivePerson gave the published message"
                                                + " (the first message of `create`, or the event of `send`).",
              javaType = "Long")
    public static final String MESSAGE_SEQUENCE = "LivePersonMessageSequence";

    @Metadata(label = "producer", description = "The HTTP status of the last answer from LivePerson.",
              javaType = "Integer")
    public static final String HTTP_STATUS = "LivePersonHttpStatus";

    /** Exchange property holding the AppJWT, sent raw as {@code Authorization}. Wins over the {@code appJwt} option. */
    public static final String PROPERTY_APP_JWT = "LivePersonAppJwt";
    /** Exchange property holding the ConsumerJWS, sent as {@code X-LP-ON-BEHALF}. Wins over the {@code consumerJws} option. */
    public static final String PROPERTY_CONSUMER_JWS = "LivePersonConsumerJws";

    /**
     * Exchange property naming the consumer (your stable user id) whose ConsumerJWS the component obtains from the
     * IDP when no ConsumerJWS is given. Wins over the {@code extConsumerId} option.
     */
    public static final String PROPERTY_EXT_CONSUMER_ID = "LivePersonExtConsumerId";

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
    public static final int DEFAULT_MAX_QUEUED_REQUESTS = 10_000;
    public static final long DEFAULT_MAX_QUEUE_WAIT = 60_000;

    private LivePersonConnectorConstants() {
    }
}
