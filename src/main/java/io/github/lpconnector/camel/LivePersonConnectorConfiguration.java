package io.github.lpconnector.camel;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Configurer;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.support.jsse.SSLContextParameters;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.*;

/**
 * The options of the component and of its endpoints. The component holds one instance; every endpoint starts from a
 * copy of it, so an endpoint URI overrides the component's options without changing them.
 */
@Configurer
@UriParams
public class LivePersonConnectorConfiguration implements Cloneable {

    /**
     * The LivePerson account (site) id. Required by `create`, `send` and `close`; for `notifications`, when set, the
     * `x-liveperson-account-id` header of every notification must be this account.
     */
    @UriParam
    private String accountId;

    /**
     * The host of the messaging service (`asyncMessagingEnt` in the Domain API), e.g. `va.msg.liveperson.net`. When
     * unset, the component asks the Domain API at `csdsDomain` once and caches the answer.
     */
    @UriParam
    private String domain;

    /**
     * The host of LivePerson's Domain API (CSDS), asked once for the hosts of `asyncMessagingEnt`, `sentinel` and
     * `idp` when `domain` is unset or when the component obtains its tokens itself (`clientId`).
     */
    @UriParam(label = "advanced", defaultValue = DEFAULT_CSDS_DOMAIN)
    private String csdsDomain = DEFAULT_CSDS_DOMAIN;

    /**
     * Replaces `https://{host}` of EVERY call - messaging service, Sentinel, IDP and Domain API - by this scheme, host
     * and port, e.g. `http://localhost:8089` to talk to the LiveEngage emulator (which serves all of them on one port)
     * or a mock server. The Domain API is still asked when `domain` is unset and `clientId` is set, so a test runs the
     * same calls as production; its hosts are then not used. For tests only.
     */
    @UriParam(label = "advanced")
    private String baseUri;

    /** The Connector API version sent as query parameter `v`. */
    @UriParam(label = "advanced", defaultValue = DEFAULT_API_VERSION)
    private String apiVersion = DEFAULT_API_VERSION;

    /**
     * The AppJWT sent raw as `Authorization` when the exchange has no `LivePersonAppJwt` property.
     */
    @UriParam(label = "security", secret = true)
    private String appJwt;

    /**
     * The ConsumerJWS sent as `X-LP-ON-BEHALF` when the exchange has no `LivePersonConsumerJws` property.
     */
    @UriParam(label = "security", secret = true)
    private String consumerJws;

    /**
     * The client id (installation id) of your Connector API installation: with `clientSecret`, the component obtains
     * the AppJWT from Sentinel itself, caches it until shortly before it expires, renews it once for all concurrent
     * exchanges, and after a 401 renews it and retries the exchange once. Used only when neither the exchange property
     * `LivePersonAppJwt` nor the option `appJwt` gives an AppJWT. For `notifications`, when set, the
     * `x-liveperson-client-id` header of every notification must be this id.
     */
    @UriParam(label = "security")
    private String clientId;

    /**
     * The client secret of your Connector API installation, used with `clientId`; `notifications` also checks the
     * webhook signature with it unless `webhookSecret` is set.
     */
    @UriParam(label = "security", secret = true)
    private String clientSecret;

    /**
     * The consumer (your stable user id, e.g. a CRM id) whose ConsumerJWS the component obtains from the IDP when
     * neither `LivePersonConsumerJws` nor `consumerJws` gives one; the exchange property `LivePersonExtConsumerId`
     * wins over this option. ConsumerJWSs are cached per consumer.
     */
    @UriParam(label = "security")
    private String extConsumerId;

    /** How many ConsumerJWSs (one per consumer) the component keeps; the least recently used goes first. */
    @UriParam(label = "advanced", defaultValue = "" + DEFAULT_CONSUMER_JWS_CACHE_SIZE)
    private int consumerJwsCacheSize = DEFAULT_CONSUMER_JWS_CACHE_SIZE;

    /**
     * A JSON object sent as the `Client-Properties` header on every `create`, `send` and `close` call to turn features
     * on, e.g. `{"type":".ClientProperties","features":["AUTO_MESSAGES"]}`. LivePerson applies a feature only when
     * the header is on CREATE and on every SEND.
     */
    @UriParam(label = "producer")
    private String clientProperties;

    /** The `brandId` of the conversation request when the body gives none; the account id when unset. */
    @UriParam(label = "conversation")
    private String brandId;

    /** The `skillId` of the conversation request when the body gives none (`-1` means any skill). */
    @UriParam(label = "conversation")
    private String skillId;

    /** The campaign of the conversation request (`campaignInfo.campaignId`) when the body gives none. */
    @UriParam(label = "conversation")
    private String campaignId;

    /** The engagement of the conversation request (`campaignInfo.engagementId`) when the body gives none. */
    @UriParam(label = "conversation")
    private String engagementId;

    /** The time-to-respond definition of the conversation request when the body gives none. */
    @UriParam(label = "conversation", enums = "NORMAL,URGENT,PRIORITIZED,CUSTOM")
    private String ttrDefName;

    /** The `channelType` of the conversation request when the body gives none. */
    @UriParam(label = "conversation", defaultValue = DEFAULT_CHANNEL_TYPE)
    private String channelType = DEFAULT_CHANNEL_TYPE;

    /** The language of the conversation context (`conversationContext.lang`, e.g. `en-US`) when the body gives none. */
    @UriParam(label = "conversation")
    private String lang;

    /** How long to wait for a connection to LivePerson, in milliseconds. */
    @UriParam(label = "advanced", defaultValue = "" + DEFAULT_CONNECT_TIMEOUT)
    private int connectTimeout = DEFAULT_CONNECT_TIMEOUT;

    /** How long to wait for LivePerson's answer once the request is sent, in milliseconds. */
    @UriParam(label = "advanced", defaultValue = "" + DEFAULT_REQUEST_TIMEOUT)
    private int requestTimeout = DEFAULT_REQUEST_TIMEOUT;

    /**
     * How many times the component itself retries a call answered 429, 502, 503 or 504, or refused before it was
     * sent; 0 disables retries. Retries are scheduled, they never block a thread.
     */
    @UriParam(label = "producer", defaultValue = "" + DEFAULT_MAX_RETRIES)
    private int maxRetries = DEFAULT_MAX_RETRIES;

    /** The delay before the first retry of a failed call in milliseconds; it doubles with every further retry. */
    @UriParam(label = "producer", defaultValue = "" + DEFAULT_RETRY_DELAY)
    private long retryDelay = DEFAULT_RETRY_DELAY;

    /**
     * The longest delay before a retry, in milliseconds, whatever `Retry-After` asks for; with `rateGovernor`, the
     * longest pause of the account after a 429. A 429 still pauses at least 1 s (a login call 5 s with
     * `rateGovernor`), as LivePerson asks, even when this option is smaller: below 1000 it caps only the delays after
     * 502, 503, 504 and refused connections.
     */
    @UriParam(label = "producer", defaultValue = "" + DEFAULT_MAX_RETRY_DELAY)
    private long maxRetryDelay = DEFAULT_MAX_RETRY_DELAY;

    /**
     * Sends the calls at the pace LiveEngage allows (default true). All `create`, `send` and `close` calls of the Camel
     * context to one LivePerson account and messaging host share one pace: a 429 pauses all of them for its
     * `Retry-After` (at least 1 s, at most `maxRetryDelay`) and lowers the rate; answers without 429 raise it again.
     * Without `maxRequestsPerSecond` the pace starts at 20 requests per second and doubles every half second while
     * exchanges wait and LiveEngage accepts them all. Exchanges waiting for their turn hold no thread and keep their
     * order; a retry after a 429 waits at the head of the queue, not on its own clock. The Domain API, Sentinel and
     * IDP calls have a pace of their own, paused at least 5 s after a 429, and their retries after 502/503/504 wait
     * at least 5 s, as LivePerson asks for login-type calls. `false` sends every call at once and retries a 429 on
     * the exchange's own clock, as the component did before it had a governor.
     */
    @UriParam(label = "rate", defaultValue = "true")
    private boolean rateGovernor = true;

    /**
     * The most requests per second sent to the account's messaging host, when you know LiveEngage's limit for the
     * account; 0 (default) means unknown: the pace finds the rate from LiveEngage's answers. A 429 still lowers the
     * rate below this cap. Each Camel context (each instance of your application) has its own pace: when several
     * instances send to one account, give each its share of the account's limit (with a little headroom, e.g. 45 for
     * each of two instances when the limit is 100). When endpoints of one account set different values, the lowest
     * wins. Used only with `rateGovernor`.
     */
    @UriParam(label = "rate", defaultValue = "0")
    private double maxRequestsPerSecond;

    /**
     * How many requests may wait for their turn in an account's pace, all endpoints of the account together. An
     * exchange that arrives when this many wait fails at once with `LivePersonThrottledException` (nothing was
     * sent); a retry after a 429 is never refused by this bound. Used only with `rateGovernor`.
     */
    @UriParam(label = "rate", defaultValue = "" + DEFAULT_MAX_QUEUED_REQUESTS)
    private int maxQueuedRequests = DEFAULT_MAX_QUEUED_REQUESTS;

    /**
     * How long a request may wait for its turn in the account's pace, in milliseconds; past it the exchange fails
     * with `LivePersonThrottledException` (nothing was sent). 0 fails an exchange that cannot be sent at once. The
     * bound applies to each attempt, a retry's wait included, and the attempt's own deadline (`connectTimeout` plus
     * `requestTimeout`) starts only when it is sent. So one call to LivePerson, queue waits and retries included,
     * takes at most `maxRetries` plus one times (`maxQueueWait` plus `connectTimeout` plus `requestTimeout`), plus
     * `maxRetries` times `maxRetryDelay`: 490 s with the defaults. An exchange makes one messaging call (a second one
     * after a 401 that renews a token), and when the component obtains its tokens itself it may first wait for a
     * Domain API, a Sentinel and an IDP call, each with the same bound (its `maxRetryDelay` counting as at least
     * 5 s). Used only with `rateGovernor`.
     */
    @UriParam(label = "rate", defaultValue = "" + DEFAULT_MAX_QUEUE_WAIT)
    private long maxQueueWait = DEFAULT_MAX_QUEUE_WAIT;

    /** The most connections kept open to LivePerson at once (the size of the connection pool). */
    @UriParam(label = "advanced", defaultValue = "" + DEFAULT_MAX_CONNECTIONS)
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;

    /** TLS settings (trust store, key store, protocols) for the connection to LivePerson. */
    @UriParam(label = "security")
    private SSLContextParameters sslContextParameters;

    /** The host of an HTTP proxy to reach LivePerson through. */
    @UriParam(label = "proxy")
    private String proxyHost;

    /** The port of the HTTP proxy. */
    @UriParam(label = "proxy")
    private Integer proxyPort;

    /**
     * Where the component keeps which conversation belongs to which of your records and consumers: `create` saves
     * each conversation it opens with its `LivePersonCorrelationId` header and consumer, `notifications` reads it
     * for every change. Default: one in-memory store per component, lost on restart. Use
     * `ConversationStore.jdbc(dataSource)` for a store that survives a restart (an H2 file) or is shared by several
     * instances (PostgreSQL), or your own implementation.
     */
    @UriParam(label = "advanced")
    private ConversationStore conversationStore;

    /** The HTTP path `notifications` serves LiveEngage's webhook POSTs on (through Camel's platform-http). */
    @UriParam(label = "consumer", defaultValue = DEFAULT_WEBHOOK_PATH)
    private String webhookPath = DEFAULT_WEBHOOK_PATH;

    /**
     * The secret LiveEngage signs its notifications with (the `x-liveperson-signature` header, HMAC of the raw body);
     * the `clientSecret` option when unset.
     */
    @UriParam(label = "consumer,security", secret = true)
    private String webhookSecret;

    /**
     * Whether `notifications` refuses (HTTP 401) a notification without a valid signature. Turn it off only behind a
     * gateway that checks the signature itself.
     */
    @UriParam(label = "consumer,security", defaultValue = "true")
    private boolean signatureRequired = true;

    /**
     * The changes `notifications` hands to the route, a comma-separated list of `ContentEvent`,
     * `RichContentEvent`, `AcceptStatusEvent`, `ChatStateEvent` and `ExConversationChangeNotification` (manifest
     * keys such as `ms.MessagingEventNotification.ContentEvent` are accepted too); the others are answered 200 and
     * dropped.
     */
    @UriParam(label = "consumer", defaultValue = DEFAULT_EVENT_TYPES)
    private String eventTypes = DEFAULT_EVENT_TYPES;

    /**
     * Whether `notifications` hands on the connector's own events too: LiveEngage notifies the consumer's messages,
     * receipts and typing back (originator role `CONSUMER`). Dropped by default.
     */
    @UriParam(label = "consumer", defaultValue = "false")
    private boolean includeOwnEvents;

    /**
     * Remembers the changes `notifications` has handed on, so that a change LiveEngage delivers again (after a
     * timeout or a 503) is dropped rather than handed on twice. Default: an in-memory repository of the last 10,000
     * changes. With several instances behind one URL use one they share whose `add` is atomic:
     * `LeasedJdbcIdempotentRepository` on a database they all reach hands on the changes of an instance that was killed
     * mid-way (camel-sql's `JdbcMessageIdRepository` keeps their keys forever: they would be lost). Kafka- or
     * cache-backed repositories check, then add: not safe across instances. The consumer starts the repository.
     */
    @UriParam(label = "consumer,advanced")
    private IdempotentRepository idempotentRepository;

    /**
     * How long, in milliseconds, `notifications` waits for the record of a conversation it does not know yet before
     * it hands on an agent's event without `LivePersonCorrelationId`: LiveEngage notifies a new conversation as soon
     * as it exists, and the agent (or a bot) may answer before `create` has recorded it, or while the conversation
     * store restarts. Only events of the last minute from someone other than the consumer wait, re-reading the store
     * without holding a thread. The wait counts from the request's arrival, so it bounds how late LiveEngage is
     * answered (LiveEngage may disable an app that answers slower than 2.5 s over two minutes). `0` hands them on at
     * once.
     */
    @UriParam(label = "consumer,advanced", defaultValue = "" + DEFAULT_CORRELATION_WAIT)
    private long correlationWait = DEFAULT_CORRELATION_WAIT;

    /** The largest notification body `notifications` accepts, in bytes; a larger one is answered 413. */
    @UriParam(label = "consumer,advanced", defaultValue = "" + DEFAULT_MAX_NOTIFICATION_SIZE)
    private int maxNotificationSize = DEFAULT_MAX_NOTIFICATION_SIZE;

    public LivePersonConnectorConfiguration copy() {
        try {
            return (LivePersonConnectorConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    /** The brand id to use when the body names none: the {@code brandId} option, else the account id. */
    public String effectiveBrandId() {
        return brandId != null ? brandId : accountId;
    }

    public String getAccountId() {
        return accountId;
    }

    public void setAccountId(String accountId) {
        this.accountId = accountId;
    }

    public String getDomain() {
        return domain;
    }

    public void setDomain(String domain) {
        this.domain = domain;
    }

    public String getCsdsDomain() {
        return csdsDomain;
    }

    public void setCsdsDomain(String csdsDomain) {
        this.csdsDomain = csdsDomain;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public String getExtConsumerId() {
        return extConsumerId;
    }

    public void setExtConsumerId(String extConsumerId) {
        this.extConsumerId = extConsumerId;
    }

    public int getConsumerJwsCacheSize() {
        return consumerJwsCacheSize;
    }

    public void setConsumerJwsCacheSize(int consumerJwsCacheSize) {
        this.consumerJwsCacheSize = consumerJwsCacheSize;
    }

    public String getClientProperties() {
        return clientProperties;
    }

    public void setClientProperties(String clientProperties) {
        this.clientProperties = clientProperties;
    }

    /** True when the component obtains AppJWTs itself (both client credentials are set). */
    public boolean hasClientCredentials() {
        return clientId != null && !clientId.isBlank() && clientSecret != null && !clientSecret.isBlank();
    }

    public String getBaseUri() {
        return baseUri;
    }

    public void setBaseUri(String baseUri) {
        this.baseUri = baseUri;
    }

    public String getApiVersion() {
        return apiVersion;
    }

    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    public String getAppJwt() {
        return appJwt;
    }

    public void setAppJwt(String appJwt) {
        this.appJwt = appJwt;
    }

    public String getConsumerJws() {
        return consumerJws;
    }

    public void setConsumerJws(String consumerJws) {
        this.consumerJws = consumerJws;
    }

    public String getBrandId() {
        return brandId;
    }

    public void setBrandId(String brandId) {
        this.brandId = brandId;
    }

    public String getSkillId() {
        return skillId;
    }

    public void setSkillId(String skillId) {
        this.skillId = skillId;
    }

    public String getCampaignId() {
        return campaignId;
    }

    public void setCampaignId(String campaignId) {
        this.campaignId = campaignId;
    }

    public String getEngagementId() {
        return engagementId;
    }

    public void setEngagementId(String engagementId) {
        this.engagementId = engagementId;
    }

    public String getTtrDefName() {
        return ttrDefName;
    }

    public void setTtrDefName(String ttrDefName) {
        this.ttrDefName = ttrDefName;
    }

    public String getChannelType() {
        return channelType;
    }

    public void setChannelType(String channelType) {
        this.channelType = channelType;
    }

    public String getLang() {
        return lang;
    }

    public void setLang(String lang) {
        this.lang = lang;
    }

    public int getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(int connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public int getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(int requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public long getRetryDelay() {
        return retryDelay;
    }

    public void setRetryDelay(long retryDelay) {
        this.retryDelay = retryDelay;
    }

    public long getMaxRetryDelay() {
        return maxRetryDelay;
    }

    public void setMaxRetryDelay(long maxRetryDelay) {
        this.maxRetryDelay = maxRetryDelay;
    }

    public boolean isRateGovernor() {
        return rateGovernor;
    }

    public void setRateGovernor(boolean rateGovernor) {
        this.rateGovernor = rateGovernor;
    }

    public double getMaxRequestsPerSecond() {
        return maxRequestsPerSecond;
    }

    public void setMaxRequestsPerSecond(double maxRequestsPerSecond) {
        this.maxRequestsPerSecond = maxRequestsPerSecond;
    }

    public int getMaxQueuedRequests() {
        return maxQueuedRequests;
    }

    public void setMaxQueuedRequests(int maxQueuedRequests) {
        this.maxQueuedRequests = maxQueuedRequests;
    }

    public long getMaxQueueWait() {
        return maxQueueWait;
    }

    public void setMaxQueueWait(long maxQueueWait) {
        this.maxQueueWait = maxQueueWait;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public SSLContextParameters getSslContextParameters() {
        return sslContextParameters;
    }

    public void setSslContextParameters(SSLContextParameters sslContextParameters) {
        this.sslContextParameters = sslContextParameters;
    }

    public String getProxyHost() {
        return proxyHost;
    }

    public void setProxyHost(String proxyHost) {
        this.proxyHost = proxyHost;
    }

    public Integer getProxyPort() {
        return proxyPort;
    }

    public void setProxyPort(Integer proxyPort) {
        this.proxyPort = proxyPort;
    }

    public ConversationStore getConversationStore() {
        return conversationStore;
    }

    public void setConversationStore(ConversationStore conversationStore) {
        this.conversationStore = conversationStore;
    }

    public String getWebhookPath() {
        return webhookPath;
    }

    public void setWebhookPath(String webhookPath) {
        this.webhookPath = webhookPath;
    }

    public String getWebhookSecret() {
        return webhookSecret;
    }

    public void setWebhookSecret(String webhookSecret) {
        this.webhookSecret = webhookSecret;
    }

    public boolean isSignatureRequired() {
        return signatureRequired;
    }

    public void setSignatureRequired(boolean signatureRequired) {
        this.signatureRequired = signatureRequired;
    }

    public String getEventTypes() {
        return eventTypes;
    }

    public void setEventTypes(String eventTypes) {
        this.eventTypes = eventTypes;
    }

    public boolean isIncludeOwnEvents() {
        return includeOwnEvents;
    }

    public void setIncludeOwnEvents(boolean includeOwnEvents) {
        this.includeOwnEvents = includeOwnEvents;
    }

    public IdempotentRepository getIdempotentRepository() {
        return idempotentRepository;
    }

    public void setIdempotentRepository(IdempotentRepository idempotentRepository) {
        this.idempotentRepository = idempotentRepository;
    }

    public long getCorrelationWait() {
        return correlationWait;
    }

    public void setCorrelationWait(long correlationWait) {
        this.correlationWait = correlationWait;
    }

    public int getMaxNotificationSize() {
        return maxNotificationSize;
    }

    public void setMaxNotificationSize(int maxNotificationSize) {
        this.maxNotificationSize = maxNotificationSize;
    }

    @Override
    public String toString() {
        return "LivePersonConnectorConfiguration[accountId=" + accountId + ", domain=" + domain + ", baseUri=" + baseUri
               + ", appJwt=" + SecretOptions.shown(appJwt) + ", consumerJws=" + SecretOptions.shown(consumerJws)
               + ", clientId=" + clientId + ", clientSecret=" + SecretOptions.shown(clientSecret)
               + ", webhookSecret=" + SecretOptions.shown(webhookSecret) + "]";
    }
}
