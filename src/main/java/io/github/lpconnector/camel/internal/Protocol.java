package io.github.lpconnector.camel.internal;

/** The names LivePerson's Connector API uses on the wire: request types, headers and Domain API services. */
final class Protocol {

    static final String TYPE_SET_USER_PROFILE = "userprofile.SetUserProfile";
    static final String TYPE_REQUEST_CONVERSATION = "cm.ConsumerRequestConversation";
    static final String TYPE_PUBLISH_EVENT = "ms.PublishEvent";
    static final String TYPE_UPDATE_CONVERSATION_FIELD = "cm.UpdateConversationField";
    static final String TYPE_GENERATE_UPLOAD_URL = "ms.GenerateURLForUploadFile";

    static final String HEADER_AUTHORIZATION = "Authorization";
    static final String HEADER_ON_BEHALF = "X-LP-ON-BEHALF";
    static final String HEADER_CLIENT_PROPERTIES = "Client-Properties";

    /** Domain API service names (case-sensitive). */
    static final String SERVICE_MESSAGING = "asyncMessagingEnt";
    static final String SERVICE_SENTINEL = "sentinel";
    static final String SERVICE_IDP = "idp";
    /** The file storage of shared files. */
    static final String SERVICE_FILES = "swift";

    /** LivePerson asks clients to wait at least one second after a 429. */
    static final long MIN_RATE_LIMIT_DELAY_MILLIS = 1_000;

    private Protocol() {
    }
}
