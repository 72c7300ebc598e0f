package io.github.lpconnector.camel;

import org.apache.camel.spi.Metadata;

/**
 * Names shared by the component and the routes that use it: headers, exchange properties, request types and
 * defaults. Only the fields annotated with {@link Metadata} are message headers.
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

    public static final String HEADER_AUTHORIZATION = "Authorization";
    public static final String HEADER_ON_BEHALF = "X-LP-ON-BEHALF";
    public static final String HEADER_RETRY_AFTER = "Retry-After";
    public static final String HEADER_CLIENT_PROPERTIES = "Client-Properties";

    public static final String TYPE_SET_USER_PROFILE = "userprofile.SetUserProfile";
    public static final String TYPE_REQUEST_CONVERSATION = "cm.ConsumerRequestConversation";
    public static final String TYPE_PUBLISH_EVENT = "ms.PublishEvent";
    public static final String TYPE_UPDATE_CONVERSATION_FIELD = "cm.UpdateConversationField";

    public static final String DEFAULT_API_VERSION = "3";
    public static final String DEFAULT_CSDS_DOMAIN = "api.liveperson.net";
    public static final int DEFAULT_CONSUMER_JWS_CACHE_SIZE = 10_000;

    /** Domain API service names (case-sensitive). */
    public static final String SERVICE_MESSAGING = "asyncMessagingEnt";
    public static final String SERVICE_SENTINEL = "sentinel";
    public static final String SERVICE_IDP = "idp";
    public static final String DEFAULT_CHANNEL_TYPE = "MESSAGING";
    public static final int DEFAULT_CONNECT_TIMEOUT = 10_000;
    public static final int DEFAULT_REQUEST_TIMEOUT = 30_000;
    public static final int DEFAULT_MAX_RETRIES = 3;
    public static final long DEFAULT_RETRY_DELAY = 1_000;
    public static final long DEFAULT_MAX_RETRY_DELAY = 30_000;
    public static final int DEFAULT_MAX_CONNECTIONS = 256;
    /** LivePerson asks clients to wait at least one second after a 429. */
    public static final long MIN_RATE_LIMIT_DELAY = 1_000;

    private LivePersonConnectorConstants() {
    }
}
