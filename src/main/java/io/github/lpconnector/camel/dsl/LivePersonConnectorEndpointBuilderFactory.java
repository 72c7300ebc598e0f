package io.github.lpconnector.camel.dsl;

import org.apache.camel.builder.EndpointConsumerBuilder;
import org.apache.camel.builder.EndpointProducerBuilder;

/**
 * Typed Java Endpoint DSL for {@code liveperson-connector}, shaped like the builders Camel generates for its own
 * components. Generated from {@code liveperson-connector.json} by {@code EndpointDslGenerator} (test sources): do not
 * edit, regenerate with {@code mvn -q test-compile exec:java@generate-dsl}.
 *
 * <pre>
 * import static io.github.lpconnector.camel.dsl.LivePersonConnectorEndpointBuilderFactory.livepersonConnector;
 *
 * from("kafka:lp-outbound").to(livepersonConnector("create").accountId("{{lp.accountId}}").domain("{{lp.domain}}"));
 * from(livepersonConnector("notifications").webhookSecret("{{lp.clientSecret}}")).to("kafka:lp-replies");
 * </pre>
 */
public interface LivePersonConnectorEndpointBuilderFactory {

    /**
     * Builder for endpoint for the LivePerson Connector component.
     */
    interface LivePersonConnectorEndpointBuilder extends EndpointConsumerBuilder, EndpointProducerBuilder {

        default AdvancedLivePersonConnectorEndpointBuilder advanced() {
            return (AdvancedLivePersonConnectorEndpointBuilder) this;
        }

        /**
         * The LivePerson account (site) id. Required by create, send and close; for notifications, when set,
         * the x-liveperson-account-id header of every notification must be this account.
         *
         * The option is a: <code>java.lang.String</code> type.
         *
         * Group: common
         *
         * @param accountId the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder accountId(String accountId) {
            doSetProperty("accountId", accountId);
            return this;
        }

        /**
         * The host of the messaging service (asyncMessagingEnt in the Domain API), e.g.
         * va.msg.liveperson.net. When unset, the component asks the Domain API at csdsDomain once and caches
         * the answer.
         *
         * The option is a: <code>java.lang.String</code> type.
         *
         * Group: common
         *
         * @param domain the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder domain(String domain) {
            doSetProperty("domain", domain);
            return this;
        }

        /**
         * The changes notifications hands to the route, a comma-separated list of ContentEvent,
         * RichContentEvent, AcceptStatusEvent, ChatStateEvent and ExConversationChangeNotification (manifest
         * keys such as ms.MessagingEventNotification.ContentEvent are accepted too); the others are answered
         * 200 and dropped.
         *
         * The option is a: <code>java.lang.String</code> type.
         *
         * Default:
         * ContentEvent,RichContentEvent,AcceptStatusEvent,ChatStateEvent,ExConversationChangeNotification
         * Group: consumer
         *
         * @param eventTypes the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder eventTypes(String eventTypes) {
            doSetProperty("eventTypes", eventTypes);
            return this;
        }

        /**
         * Whether notifications hands on the connector's own events too: LiveEngage notifies the consumer's
         * messages, receipts and typing back (originator role CONSUMER). Dropped by default.
         *
         * The option is a: <code>boolean</code> type.
         *
         * Default: false
         * Group: consumer
         *
         * @param includeOwnEvents the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder includeOwnEvents(boolean includeOwnEvents) {
            doSetProperty("includeOwnEvents", includeOwnEvents);
            return this;
        }

        /**
         * Whether notifications hands on the connector's own events too: LiveEngage notifies the consumer's
         * messages, receipts and typing back (originator role CONSUMER). Dropped by default.
         *
         * The option will be converted to a <code>boolean</code> type.
         *
         * Default: false
         * Group: consumer
         *
         * @param includeOwnEvents the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder includeOwnEvents(String includeOwnEvents) {
            doSetProperty("includeOwnEvents", includeOwnEvents);
            return this;
        }

        /**
         * The HTTP path notifications serves LiveEngage's webhook POSTs on (through Camel's platform-http).
         *
         * The option is a: <code>java.lang.String</code> type.
         *
         * Default: /liveperson/notifications
         * Group: consumer
         *
         * @param webhookPath the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder webhookPath(String webhookPath) {
            doSetProperty("webhookPath", webhookPath);
            return this;
        }

        /**
         * A JSON object sent as the Client-Properties header on every create, send and close call to turn
         * features on, e.g. {type:.ClientProperties,features:AUTO_MESSAGES}. LivePerson applies a feature
         * only when the header is on CREATE and on every SEND.
         *
         * The option is a: <code>java.lang.String</code> type.
         *
         * Group: producer
         *
         * @param clientProperties the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder clientProperties(String clientProperties) {
            doSetProperty("clientProperties", clientProperties);
            return this;
        }

        /**
         * How many times the component itself retries a call answered 429, 502, 503 or 504, or refused before
         * it was sent; 0 disables retries. Retries are scheduled, they never block a thread.
         *
         * The option is a: <code>int</code> type.
         *
         * Default: 3
         * Group: producer
         *
         * @param maxRetries the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder maxRetries(int maxRetries) {
            doSetProperty("maxRetries", maxRetries);
            return this;
        }

        /**
         * How many times the component itself retries a call answered 429, 502, 503 or 504, or refused before
         * it was sent; 0 disables retries. Retries are scheduled, they never block a thread.
         *
         * The option will be converted to a <code>int</code> type.
         *
         * Default: 3
         * Group: producer
         *
         * @param maxRetries the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder maxRetries(String maxRetries) {
            doSetProperty("maxRetries", maxRetries);
            return this;
        }

        /**
         * The longest delay before a retry, in milliseconds, whatever Retry-After asks for; with
         * rateGovernor, the longest pause of the account after a 429. A 429 still pauses at least 1 s (a
         * login call 5 s with rateGovernor), as LivePerson asks, even when this option is smaller: below 1000
         * it caps only the delays after 502, 503, 504 and refused connections.
         *
         * The option is a: <code>long</code> type.
         *
         * Default: 30000
         * Group: producer
         *
         * @param maxRetryDelay the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder maxRetryDelay(long maxRetryDelay) {
            doSetProperty("maxRetryDelay", maxRetryDelay);
            return this;
        }

        /**
         * The longest delay before a retry, in milliseconds, whatever Retry-After asks for; with
         * rateGovernor, the longest pause of the account after a 429. A 429 still pauses at least 1 s (a
         * login call 5 s with rateGovernor), as LivePerson asks, even when this option is smaller: below 1000
         * it caps only the delays after 502, 503, 504 and refused connections.
         *
         * The option will be converted to a <code>long</code> type.
         *
         * Default: 30000
         * Group: producer
         *
         * @param maxRetryDelay the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder maxRetryDelay(String maxRetryDelay) {
            doSetProperty("maxRetryDelay", maxRetryDelay);
            return this;
        }

        /**
         * The delay before the first retry of a failed call in milliseconds; it doubles with every further
         * retry.
         *
         * The option is a: <code>long</code> type.
         *
         * Default: 1000
         * Group: producer
         *
         * @param retryDelay the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder retryDelay(long retryDelay) {
            doSetProperty("retryDelay", retryDelay);
            return this;
        }

        /**
         * The delay before the first retry of a failed call in milliseconds; it doubles with every further
         * retry.
         *
         * The option will be converted to a <code>long</code> type.
         *
         * Default: 1000
         * Group: producer
         *
         * @param retryDelay the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder retryDelay(String retryDelay) {
            doSetProperty("retryDelay", retryDelay);
            return this;
        }

        /**
         * The brandId of the conversation request when the body gives none; the account id when unset.
         *
         * The option is a: <code>java.lang.String</code> type.
         *
         * Group: conversation
         *
         * @param brandId the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder brandId(String brandId) {
            doSetProperty("brandId", brandId);
            return this;
        }

        /**
         * The campaign of the conversation request (campaignInfo.campaignId) when the body gives none.
         *
         * The option is a: <code>java.lang.String</code> type.
         *
         * Group: conversation
         *
         * @param campaignId the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder campaignId(String campaignId) {
            doSetProperty("campaignId", campaignId);
            return this;
        }

        /**
         * The channelType of the conversation request when the body gives none.
         *
         * The option is a: <code>java.lang.String</code> type.
         *
         * Default: MESSAGING
         * Group: conversation
         *
         * @param channelType the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder channelType(String channelType) {
            doSetProperty("channelType", channelType);
            return this;
        }

        /**
         * The engagement of the conversation request (campaignInfo.engagementId) when the body gives none.
         *
         * The option is a: <code>java.lang.String</code> type.
         *
         * Group: conversation
         *
         * @param engagementId the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder engagementId(String engagementId) {
            doSetProperty("engagementId", engagementId);
            return this;
        }

        /**
         * The language of the conversation context (conversationContext.lang, e.g. en-US) when the body gives
         * none.
         *
         * The option is a: <code>java.lang.String</code> type.
         *
         * Group: conversation
         *
         * @param lang the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder lang(String lang) {
            doSetProperty("lang", lang);
            return this;
        }

        /**
         * The skillId of the conversation request when the body gives none (-1 means any skill).
         *
         * The option is a: <code>java.lang.String</code> type.
         *
         * Group: conversation
         *
         * @param skillId the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder skillId(String skillId) {
            doSetProperty("skillId", skillId);
            return this;
        }

        /**
         * The time-to-respond definition of the conversation request when the body gives none.
         *
         * The option is a: <code>java.lang.String</code> type.
         *
         * Group: conversation
         *
         * @param ttrDefName the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder ttrDefName(String ttrDefName) {
            doSetProperty("ttrDefName", ttrDefName);
            return this;
        }

        /**
         * The host of an HTTP proxy to reach LivePerson through.
         *
         * The option is a: <code>java.lang.String</code> type.
         *
         * Group: proxy
         *
         * @param proxyHost the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder proxyHost(String proxyHost) {
            doSetProperty("proxyHost", proxyHost);
            return this;
        }

        /**
         * The port of the HTTP proxy.
         *
         * The option is a: <code>java.lang.Integer</code> type.
         *
         * Group: proxy
         *
         * @param proxyPort the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder proxyPort(Integer proxyPort) {
            doSetProperty("proxyPort", proxyPort);
            return this;
        }

        /**
         * The port of the HTTP proxy.
         *
         * The option will be converted to a <code>java.lang.Integer</code> type.
         *
         * Group: proxy
         *
         * @param proxyPort the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder proxyPort(String proxyPort) {
            doSetProperty("proxyPort", proxyPort);
            return this;
        }

        /**
         * How many requests may wait for their turn in an account's pace, all endpoints of the account
         * together. An exchange that arrives when this many wait fails at once with
         * LivePersonThrottledException (nothing was sent); a retry after a 429 is never refused by this
         * bound. Used only with rateGovernor.
         *
         * The option is a: <code>int</code> type.
         *
         * Default: 10000
         * Group: rate
         *
         * @param maxQueuedRequests the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder maxQueuedRequests(int maxQueuedRequests) {
            doSetProperty("maxQueuedRequests", maxQueuedRequests);
            return this;
        }

        /**
         * How many requests may wait for their turn in an account's pace, all endpoints of the account
         * together. An exchange that arrives when this many wait fails at once with
         * LivePersonThrottledException (nothing was sent); a retry after a 429 is never refused by this
         * bound. Used only with rateGovernor.
         *
         * The option will be converted to a <code>int</code> type.
         *
         * Default: 10000
         * Group: rate
         *
         * @param maxQueuedRequests the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder maxQueuedRequests(String maxQueuedRequests) {
            doSetProperty("maxQueuedRequests", maxQueuedRequests);
            return this;
        }

        /**
         * How long a request may wait for its turn in the account's pace, in milliseconds; past it the
         * exchange fails with LivePersonThrottledException (nothing was sent). 0 fails an exchange that
         * cannot be sent at once. The bound applies to each attempt, a retry's wait included, and the
         * attempt's own deadline (connectTimeout plus requestTimeout) starts only when it is sent. So one
         * call to LivePerson, queue waits and retries included, takes at most maxRetries plus one times
         * (maxQueueWait plus connectTimeout plus requestTimeout), plus maxRetries times maxRetryDelay: 490 s
         * with the defaults. An exchange makes one messaging call (a second one after a 401 that renews a
         * token), and when the component obtains its tokens itself it may first wait for a Domain API, a
         * Sentinel and an IDP call, each with the same bound (its maxRetryDelay counting as at least 5 s).
         * Used only with rateGovernor.
         *
         * The option is a: <code>long</code> type.
         *
         * Default: 60000
         * Group: rate
         *
         * @param maxQueueWait the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder maxQueueWait(long maxQueueWait) {
            doSetProperty("maxQueueWait", maxQueueWait);
            return this;
        }

        /**
         * How long a request may wait for its turn in the account's pace, in milliseconds; past it the
         * exchange fails with LivePersonThrottledException (nothing was sent). 0 fails an exchange that
         * cannot be sent at once. The bound applies to each attempt, a retry's wait included, and the
         * attempt's own deadline (connectTimeout plus requestTimeout) starts only when it is sent. So one
         * call to LivePerson, queue waits and retries included, takes at most maxRetries plus one times
         * (maxQueueWait plus connectTimeout plus requestTimeout), plus maxRetries times maxRetryDelay: 490 s
         * with the defaults. An exchange makes one messaging call (a second one after a 401 that renews a
         * token), and when the component obtains its tokens itself it may first wait for a Domain API, a
         * Sentinel and an IDP call, each with the same bound (its maxRetryDelay counting as at least 5 s).
         * Used only with rateGovernor.
         *
         * The option will be converted to a <code>long</code> type.
         *
         * Default: 60000
         * Group: rate
         *
         * @param maxQueueWait the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder maxQueueWait(String maxQueueWait) {
            doSetProperty("maxQueueWait", maxQueueWait);
            return this;
        }

        /**
         * The most requests per second sent to the account's messaging host, when you know LiveEngage's limit
         * for the account; 0 (default) means unknown: the pace finds the rate from LiveEngage's answers. A
         * 429 still lowers the rate below this cap. Each Camel context (each instance of your application)
         * has its own pace: when several instances send to one account, give each its share of the account's
         * limit (with a little headroom, e.g. 45 for each of two instances when the limit is 100). When
         * endpoints of one account set different values, the lowest wins. Used only with rateGovernor.
         *
         * The option is a: <code>double</code> type.
         *
         * Default: 0.0
         * Group: rate
         *
         * @param maxRequestsPerSecond the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder maxRequestsPerSecond(double maxRequestsPerSecond) {
            doSetProperty("maxRequestsPerSecond", maxRequestsPerSecond);
            return this;
        }

        /**
         * The most requests per second sent to the account's messaging host, when you know LiveEngage's limit
         * for the account; 0 (default) means unknown: the pace finds the rate from LiveEngage's answers. A
         * 429 still lowers the rate below this cap. Each Camel context (each instance of your application)
         * has its own pace: when several instances send to one account, give each its share of the account's
         * limit (with a little headroom, e.g. 45 for each of two instances when the limit is 100). When
         * endpoints of one account set different values, the lowest wins. Used only with rateGovernor.
         *
         * The option will be converted to a <code>double</code> type.
         *
         * Default: 0.0
         * Group: rate
         *
         * @param maxRequestsPerSecond the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder maxRequestsPerSecond(String maxRequestsPerSecond) {
            doSetProperty("maxRequestsPerSecond", maxRequestsPerSecond);
            return this;
        }

        /**
         * Sends the calls at the pace LiveEngage allows (default true). All create, send and close calls of
         * the Camel context to one LivePerson account and messaging host share one pace: a 429 pauses all of
         * them for its Retry-After (at least 1 s, at most maxRetryDelay) and lowers the rate; answers without
         * 429 raise it again. Without maxRequestsPerSecond the pace starts at 20 requests per second and
         * doubles every half second while exchanges wait and LiveEngage accepts them all. Exchanges waiting
         * for their turn hold no thread and keep their order; a retry after a 429 waits at the head of the
         * queue, not on its own clock. The Domain API, Sentinel and IDP calls have a pace of their own,
         * paused at least 5 s after a 429, and their retries after 502/503/504 wait at least 5 s, as
         * LivePerson asks for login-type calls. false sends every call at once and retries a 429 on the
         * exchange's own clock, as the component did before it had a governor.
         *
         * The option is a: <code>boolean</code> type.
         *
         * Default: true
         * Group: rate
         *
         * @param rateGovernor the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder rateGovernor(boolean rateGovernor) {
            doSetProperty("rateGovernor", rateGovernor);
            return this;
        }

        /**
         * Sends the calls at the pace LiveEngage allows (default true). All create, send and close calls of
         * the Camel context to one LivePerson account and messaging host share one pace: a 429 pauses all of
         * them for its Retry-After (at least 1 s, at most maxRetryDelay) and lowers the rate; answers without
         * 429 raise it again. Without maxRequestsPerSecond the pace starts at 20 requests per second and
         * doubles every half second while exchanges wait and LiveEngage accepts them all. Exchanges waiting
         * for their turn hold no thread and keep their order; a retry after a 429 waits at the head of the
         * queue, not on its own clock. The Domain API, Sentinel and IDP calls have a pace of their own,
         * paused at least 5 s after a 429, and their retries after 502/503/504 wait at least 5 s, as
         * LivePerson asks for login-type calls. false sends every call at once and retries a 429 on the
         * exchange's own clock, as the component did before it had a governor.
         *
         * The option will be converted to a <code>boolean</code> type.
         *
         * Default: true
         * Group: rate
         *
         * @param rateGovernor the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder rateGovernor(String rateGovernor) {
            doSetProperty("rateGovernor", rateGovernor);
            return this;
        }

        /**
         * The AppJWT sent raw as Authorization when the exchange has no LivePersonAppJwt property.
         *
         * The option is a: <code>java.lang.String</code> type.
         *
         * Group: security
         *
         * @param appJwt the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder appJwt(String appJwt) {
            doSetProperty("appJwt", appJwt);
            return this;
        }

        /**
         * The client id (installation id) of your Connector API installation: with clientSecret, the
         * component obtains the AppJWT from Sentinel itself, caches it until shortly before it expires,
         * renews it once for all concurrent exchanges, and after a 401 renews it and retries the exchange
         * once. Used only when neither the exchange property LivePersonAppJwt nor the option appJwt gives an
         * AppJWT. For notifications, when set, the x-liveperson-client-id header of every notification must
         * be this id.
         *
         * The option is a: <code>java.lang.String</code> type.
         *
         * Group: security
         *
         * @param clientId the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder clientId(String clientId) {
            doSetProperty("clientId", clientId);
            return this;
        }

        /**
         * The client secret of your Connector API installation, used with clientId; notifications also checks
         * the webhook signature with it unless webhookSecret is set.
         *
         * The option is a: <code>java.lang.String</code> type.
         *
         * Group: security
         *
         * @param clientSecret the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder clientSecret(String clientSecret) {
            doSetProperty("clientSecret", clientSecret);
            return this;
        }

        /**
         * The ConsumerJWS sent as X-LP-ON-BEHALF when the exchange has no LivePersonConsumerJws property.
         *
         * The option is a: <code>java.lang.String</code> type.
         *
         * Group: security
         *
         * @param consumerJws the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder consumerJws(String consumerJws) {
            doSetProperty("consumerJws", consumerJws);
            return this;
        }

        /**
         * The consumer (your stable user id, e.g. a CRM id) whose ConsumerJWS the component obtains from the
         * IDP when neither LivePersonConsumerJws nor consumerJws gives one; the exchange property
         * LivePersonExtConsumerId wins over this option. ConsumerJWSs are cached per consumer.
         *
         * The option is a: <code>java.lang.String</code> type.
         *
         * Group: security
         *
         * @param extConsumerId the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder extConsumerId(String extConsumerId) {
            doSetProperty("extConsumerId", extConsumerId);
            return this;
        }

        /**
         * Whether notifications refuses (HTTP 401) a notification without a valid signature. Turn it off only
         * behind a gateway that checks the signature itself.
         *
         * The option is a: <code>boolean</code> type.
         *
         * Default: true
         * Group: security
         *
         * @param signatureRequired the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder signatureRequired(boolean signatureRequired) {
            doSetProperty("signatureRequired", signatureRequired);
            return this;
        }

        /**
         * Whether notifications refuses (HTTP 401) a notification without a valid signature. Turn it off only
         * behind a gateway that checks the signature itself.
         *
         * The option will be converted to a <code>boolean</code> type.
         *
         * Default: true
         * Group: security
         *
         * @param signatureRequired the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder signatureRequired(String signatureRequired) {
            doSetProperty("signatureRequired", signatureRequired);
            return this;
        }

        /**
         * TLS settings (trust store, key store, protocols) for the connection to LivePerson.
         *
         * The option is a: <code>org.apache.camel.support.jsse.SSLContextParameters</code> type.
         *
         * Group: security
         *
         * @param sslContextParameters the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder sslContextParameters(org.apache.camel.support.jsse.SSLContextParameters sslContextParameters) {
            doSetProperty("sslContextParameters", sslContextParameters);
            return this;
        }

        /**
         * TLS settings (trust store, key store, protocols) for the connection to LivePerson.
         *
         * The option will be converted to a <code>org.apache.camel.support.jsse.SSLContextParameters</code>
         * type.
         *
         * Group: security
         *
         * @param sslContextParameters the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder sslContextParameters(String sslContextParameters) {
            doSetProperty("sslContextParameters", sslContextParameters);
            return this;
        }

        /**
         * The secret LiveEngage signs its notifications with (the x-liveperson-signature header, HMAC of the
         * raw body); the clientSecret option when unset.
         *
         * The option is a: <code>java.lang.String</code> type.
         *
         * Group: security
         *
         * @param webhookSecret the value to set
         * @return the dsl builder
         */
        default LivePersonConnectorEndpointBuilder webhookSecret(String webhookSecret) {
            doSetProperty("webhookSecret", webhookSecret);
            return this;
        }
    }

    /**
     * Advanced builder for endpoint for the LivePerson Connector component.
     */
    interface AdvancedLivePersonConnectorEndpointBuilder extends EndpointConsumerBuilder, EndpointProducerBuilder {

        default LivePersonConnectorEndpointBuilder basic() {
            return (LivePersonConnectorEndpointBuilder) this;
        }

        /**
         * Allows for bridging the consumer to the Camel routing Error Handler, which mean any exceptions (if
         * possible) occurred while the Camel consumer is trying to pickup incoming messages, or the likes,
         * will now be processed as a message and handled by the routing Error Handler. Important: This is
         * only possible if the 3rd party component allows Camel to be alerted if an exception was thrown.
         * Some components handle this internally only, and therefore bridgeErrorHandler is not possible. In
         * other situations we may improve the Camel component to hook into the 3rd party component and make
         * this possible for future releases. By default the consumer will use the
         * org.apache.camel.spi.ExceptionHandler to deal with exceptions, that will be logged at WARN or ERROR
         * level and ignored.
         *
         * The option is a: <code>boolean</code> type.
         *
         * Default: false
         * Group: consumer (advanced)
         *
         * @param bridgeErrorHandler the value to set
         * @return the dsl builder
         */
        default AdvancedLivePersonConnectorEndpointBuilder bridgeErrorHandler(boolean bridgeErrorHandler) {
            doSetProperty("bridgeErrorHandler", bridgeErrorHandler);
            return this;
        }

        /**
         * Allows for bridging the consumer to the Camel routing Error Handler, which mean any exceptions (if
         * possible) occurred while the Camel consumer is trying to pickup incoming messages, or the likes,
         * will now be processed as a message and handled by the routing Error Handler. Important: This is
         * only possible if the 3rd party component allows Camel to be alerted if an exception was thrown.
         * Some components handle this internally only, and therefore bridgeErrorHandler is not possible. In
         * other situations we may improve the Camel component to hook into the 3rd party component and make
         * this possible for future releases. By default the consumer will use the
         * org.apache.camel.spi.ExceptionHandler to deal with exceptions, that will be logged at WARN or ERROR
         * level and ignored.
         *
         * The option will be converted to a <code>boolean</code> type.
         *
         * Default: false
         * Group: consumer (advanced)
         *
         * @param bridgeErrorHandler the value to set
         * @return the dsl builder
         */
        default AdvancedLivePersonConnectorEndpointBuilder bridgeErrorHandler(String bridgeErrorHandler) {
            doSetProperty("bridgeErrorHandler", bridgeErrorHandler);
            return this;
        }

        /**
         * How long, in milliseconds, notifications waits for the record of a conversation it does not know
         * yet before it hands on an agent's event without LivePersonCorrelationId: LiveEngage notifies a new
         * conversation as soon as it exists, and the agent (or a bot) may answer before create has recorded
         * it, or while the conversation store restarts. Only events of the last minute from someone other
         * than the consumer wait, re-reading the store without holding a thread. The wait counts from the
         * request's arrival, so it bounds how late LiveEngage is answered (LiveEngage may disable an app that
         * answers slower than 2.5 s over two minutes). 0 hands them on at once.
         *
         * The option is a: <code>long</code> type.
         *
         * Default: 2000
         * Group: consumer (advanced)
         *
         * @param correlationWait the value to set
         * @return the dsl builder
         */
        default AdvancedLivePersonConnectorEndpointBuilder correlationWait(long correlationWait) {
            doSetProperty("correlationWait", correlationWait);
            return this;
        }

        /**
         * How long, in milliseconds, notifications waits for the record of a conversation it does not know
         * yet before it hands on an agent's event without LivePersonCorrelationId: LiveEngage notifies a new
         * conversation as soon as it exists, and the agent (or a bot) may answer before create has recorded
         * it, or while the conversation store restarts. Only events of the last minute from someone other
         * than the consumer wait, re-reading the store without holding a thread. The wait counts from the
         * request's arrival, so it bounds how late LiveEngage is answered (LiveEngage may disable an app that
         * answers slower than 2.5 s over two minutes). 0 hands them on at once.
         *
         * The option will be converted to a <code>long</code> type.
         *
         * Default: 2000
         * Group: consumer (advanced)
         *
         * @param correlationWait the value to set
         * @return the dsl builder
         */
        default AdvancedLivePersonConnectorEndpointBuilder correlationWait(String correlationWait) {
            doSetProperty("correlationWait", correlationWait);
            return this;
        }

        /**
         * To let the consumer use a custom ExceptionHandler. Notice if the option bridgeErrorHandler is
         * enabled then this option is not in use. By default the consumer will deal with exceptions, that
         * will be logged at WARN or ERROR level and ignored.
         *
         * The option is a: <code>org.apache.camel.spi.ExceptionHandler</code> type.
         *
         * Group: consumer (advanced)
         *
         * @param exceptionHandler the value to set
         * @return the dsl builder
         */
        default AdvancedLivePersonConnectorEndpointBuilder exceptionHandler(org.apache.camel.spi.ExceptionHandler exceptionHandler) {
            doSetProperty("exceptionHandler", exceptionHandler);
            return this;
        }

        /**
         * To let the consumer use a custom ExceptionHandler. Notice if the option bridgeErrorHandler is
         * enabled then this option is not in use. By default the consumer will deal with exceptions, that
         * will be logged at WARN or ERROR level and ignored.
         *
         * The option will be converted to a <code>org.apache.camel.spi.ExceptionHandler</code> type.
         *
         * Group: consumer (advanced)
         *
         * @param exceptionHandler the value to set
         * @return the dsl builder
         */
        default AdvancedLivePersonConnectorEndpointBuilder exceptionHandler(String exceptionHandler) {
            doSetProperty("exceptionHandler", exceptionHandler);
            return this;
        }

        /**
         * Sets the exchange pattern when the consumer creates an exchange.
         *
         * The option is a: <code>org.apache.camel.ExchangePattern</code> type.
         *
         * Group: consumer (advanced)
         *
         * @param exchangePattern the value to set
         * @return the dsl builder
         */
        default AdvancedLivePersonConnectorEndpointBuilder exchangePattern(org.apache.camel.ExchangePattern exchangePattern) {
            doSetProperty("exchangePattern", exchangePattern);
            return this;
        }

        /**
         * Sets the exchange pattern when the consumer creates an exchange.
         *
         * The option will be converted to a <code>org.apache.camel.ExchangePattern</code> type.
         *
         * Group: consumer (advanced)
         *
         * @param exchangePattern the value to set
         * @return the dsl builder
         */
        default AdvancedLivePersonConnectorEndpointBuilder exchangePattern(String exchangePattern) {
            doSetProperty("exchangePattern", exchangePattern);
            return this;
        }

        /**
         * Remembers the changes notifications has handed on, so that a change LiveEngage delivers again
         * (after a timeout or a 503) is dropped rather than handed on twice. Default: an in-memory repository
         * of the last 10,000 changes. With several instances behind one URL use one they share whose add is
         * atomic: LeasedJdbcIdempotentRepository on a database they all reach hands on the changes of an
         * instance that was killed mid-way (camel-sql's JdbcMessageIdRepository keeps their keys forever:
         * they would be lost). Kafka- or cache-backed repositories check, then add: not safe across
         * instances. The consumer starts the repository.
         *
         * The option is a: <code>org.apache.camel.spi.IdempotentRepository</code> type.
         *
         * Group: consumer (advanced)
         *
         * @param idempotentRepository the value to set
         * @return the dsl builder
         */
        default AdvancedLivePersonConnectorEndpointBuilder idempotentRepository(org.apache.camel.spi.IdempotentRepository idempotentRepository) {
            doSetProperty("idempotentRepository", idempotentRepository);
            return this;
        }

        /**
         * Remembers the changes notifications has handed on, so that a change LiveEngage delivers again
         * (after a timeout or a 503) is dropped rather than handed on twice. Default: an in-memory repository
         * of the last 10,000 changes. With several instances behind one URL use one they share whose add is
         * atomic: LeasedJdbcIdempotentRepository on a database they all reach hands on the changes of an
         * instance that was killed mid-way (camel-sql's JdbcMessageIdRepository keeps their keys forever:
         * they would be lost). Kafka- or cache-backed repositories check, then add: not safe across
         * instances. The consumer starts the repository.
         *
         * The option will be converted to a <code>org.apache.camel.spi.IdempotentRepository</code> type.
         *
         * Group: consumer (advanced)
         *
         * @param idempotentRepository the value to set
         * @return the dsl builder
         */
        default AdvancedLivePersonConnectorEndpointBuilder idempotentRepository(String idempotentRepository) {
            doSetProperty("idempotentRepository", idempotentRepository);
            return this;
        }

        /**
         * The largest notification body notifications accepts, in bytes; a larger one is answered 413.
         *
         * The option is a: <code>int</code> type.
         *
         * Default: 1048576
         * Group: consumer (advanced)
         *
         * @param maxNotificationSize the value to set
         * @return the dsl builder
         */
        default AdvancedLivePersonConnectorEndpointBuilder maxNotificationSize(int maxNotificationSize) {
            doSetProperty("maxNotificationSize", maxNotificationSize);
            return this;
        }

        /**
         * The largest notification body notifications accepts, in bytes; a larger one is answered 413.
         *
         * The option will be converted to a <code>int</code> type.
         *
         * Default: 1048576
         * Group: consumer (advanced)
         *
         * @param maxNotificationSize the value to set
         * @return the dsl builder
         */
        default AdvancedLivePersonConnectorEndpointBuilder maxNotificationSize(String maxNotificationSize) {
            doSetProperty("maxNotificationSize", maxNotificationSize);
            return this;
        }

        /**
         * Whether the producer should be started lazy (on the first message). By starting lazy you can use
         * this to allow CamelContext and routes to startup in situations where a producer may otherwise fail
         * during starting and cause the route to fail being started. By deferring this startup to be lazy
         * then the startup failure can be handled during routing messages via Camel's routing error handlers.
         * Beware that when the first message is processed then creating and starting the producer may take a
         * little time and prolong the total processing time of the processing.
         *
         * The option is a: <code>boolean</code> type.
         *
         * Default: false
         * Group: producer (advanced)
         *
         * @param lazyStartProducer the value to set
         * @return the dsl builder
         */
        default AdvancedLivePersonConnectorEndpointBuilder lazyStartProducer(boolean lazyStartProducer) {
            doSetProperty("lazyStartProducer", lazyStartProducer);
            return this;
        }

        /**
         * Whether the producer should be started lazy (on the first message). By starting lazy you can use
         * this to allow CamelContext and routes to startup in situations where a producer may otherwise fail
         * during starting and cause the route to fail being started. By deferring this startup to be lazy
         * then the startup failure can be handled during routing messages via Camel's routing error handlers.
         * Beware that when the first message is processed then creating and starting the producer may take a
         * little time and prolong the total processing time of the processing.
         *
         * The option will be converted to a <code>boolean</code> type.
         *
         * Default: false
         * Group: producer (advanced)
         *
         * @param lazyStartProducer the value to set
         * @return the dsl builder
         */
        default AdvancedLivePersonConnectorEndpointBuilder lazyStartProducer(String lazyStartProducer) {
            doSetProperty("lazyStartProducer", lazyStartProducer);
            return this;
        }

        /**
         * The Connector API version sent as query parameter v.
         *
         * The option is a: <code>java.lang.String</code> type.
         *
         * Default: 3
         * Group: advanced
         *
         * @param apiVersion the value to set
         * @return the dsl builder
         */
        default AdvancedLivePersonConnectorEndpointBuilder apiVersion(String apiVersion) {
            doSetProperty("apiVersion", apiVersion);
            return this;
        }

        /**
         * Replaces https://{host} of EVERY call - messaging service, Sentinel, IDP and Domain API - by this
         * scheme, host and port, e.g. http://localhost:8089 to talk to the LiveEngage emulator (which serves
         * all of them on one port) or a mock server. The Domain API is still asked when domain is unset and
         * clientId is set, so a test runs the same calls as production; its hosts are then not used. For
         * tests only.
         *
         * The option is a: <code>java.lang.String</code> type.
         *
         * Group: advanced
         *
         * @param baseUri the value to set
         * @return the dsl builder
         */
        default AdvancedLivePersonConnectorEndpointBuilder baseUri(String baseUri) {
            doSetProperty("baseUri", baseUri);
            return this;
        }

        /**
         * How long to wait for a connection to LivePerson, in milliseconds.
         *
         * The option is a: <code>int</code> type.
         *
         * Default: 10000
         * Group: advanced
         *
         * @param connectTimeout the value to set
         * @return the dsl builder
         */
        default AdvancedLivePersonConnectorEndpointBuilder connectTimeout(int connectTimeout) {
            doSetProperty("connectTimeout", connectTimeout);
            return this;
        }

        /**
         * How long to wait for a connection to LivePerson, in milliseconds.
         *
         * The option will be converted to a <code>int</code> type.
         *
         * Default: 10000
         * Group: advanced
         *
         * @param connectTimeout the value to set
         * @return the dsl builder
         */
        default AdvancedLivePersonConnectorEndpointBuilder connectTimeout(String connectTimeout) {
            doSetProperty("connectTimeout", connectTimeout);
            return this;
        }

        /**
         * How many ConsumerJWSs (one per consumer) the component keeps; the least recently used goes first.
         *
         * The option is a: <code>int</code> type.
         *
         * Default: 10000
         * Group: advanced
         *
         * @param consumerJwsCacheSize the value to set
         * @return the dsl builder
         */
        default AdvancedLivePersonConnectorEndpointBuilder consumerJwsCacheSize(int consumerJwsCacheSize) {
            doSetProperty("consumerJwsCacheSize", consumerJwsCacheSize);
            return this;
        }

        /**
         * How many ConsumerJWSs (one per consumer) the component keeps; the least recently used goes first.
         *
         * The option will be converted to a <code>int</code> type.
         *
         * Default: 10000
         * Group: advanced
         *
         * @param consumerJwsCacheSize the value to set
         * @return the dsl builder
         */
        default AdvancedLivePersonConnectorEndpointBuilder consumerJwsCacheSize(String consumerJwsCacheSize) {
            doSetProperty("consumerJwsCacheSize", consumerJwsCacheSize);
            return this;
        }

        /**
         * Where the component keeps which conversation belongs to which of your records and consumers: create
         * saves each conversation it opens with its LivePersonCorrelationId header and consumer,
         * notifications reads it for every change. Default: one in-memory store per component, lost on
         * restart. Use ConversationStore.jdbc(dataSource) for a store that survives a restart (an H2 file) or
         * is shared by several instances (PostgreSQL), or your own implementation.
         *
         * The option is a: <code>io.github.lpconnector.camel.ConversationStore</code> type.
         *
         * Group: advanced
         *
         * @param conversationStore the value to set
         * @return the dsl builder
         */
        default AdvancedLivePersonConnectorEndpointBuilder conversationStore(io.github.lpconnector.camel.ConversationStore conversationStore) {
            doSetProperty("conversationStore", conversationStore);
            return this;
        }

        /**
         * Where the component keeps which conversation belongs to which of your records and consumers: create
         * saves each conversation it opens with its LivePersonCorrelationId header and consumer,
         * notifications reads it for every change. Default: one in-memory store per component, lost on
         * restart. Use ConversationStore.jdbc(dataSource) for a store that survives a restart (an H2 file) or
         * is shared by several instances (PostgreSQL), or your own implementation.
         *
         * The option will be converted to a <code>io.github.lpconnector.camel.ConversationStore</code> type.
         *
         * Group: advanced
         *
         * @param conversationStore the value to set
         * @return the dsl builder
         */
        default AdvancedLivePersonConnectorEndpointBuilder conversationStore(String conversationStore) {
            doSetProperty("conversationStore", conversationStore);
            return this;
        }

        /**
         * The host of LivePerson's Domain API (CSDS), asked once for the hosts of asyncMessagingEnt, sentinel
         * and idp when domain is unset or when the component obtains its tokens itself (clientId).
         *
         * The option is a: <code>java.lang.String</code> type.
         *
         * Default: api.liveperson.net
         * Group: advanced
         *
         * @param csdsDomain the value to set
         * @return the dsl builder
         */
        default AdvancedLivePersonConnectorEndpointBuilder csdsDomain(String csdsDomain) {
            doSetProperty("csdsDomain", csdsDomain);
            return this;
        }

        /**
         * The most connections kept open to LivePerson at once (the size of the connection pool).
         *
         * The option is a: <code>int</code> type.
         *
         * Default: 256
         * Group: advanced
         *
         * @param maxConnections the value to set
         * @return the dsl builder
         */
        default AdvancedLivePersonConnectorEndpointBuilder maxConnections(int maxConnections) {
            doSetProperty("maxConnections", maxConnections);
            return this;
        }

        /**
         * The most connections kept open to LivePerson at once (the size of the connection pool).
         *
         * The option will be converted to a <code>int</code> type.
         *
         * Default: 256
         * Group: advanced
         *
         * @param maxConnections the value to set
         * @return the dsl builder
         */
        default AdvancedLivePersonConnectorEndpointBuilder maxConnections(String maxConnections) {
            doSetProperty("maxConnections", maxConnections);
            return this;
        }

        /**
         * How long to wait for LivePerson's answer once the request is sent, in milliseconds.
         *
         * The option is a: <code>int</code> type.
         *
         * Default: 30000
         * Group: advanced
         *
         * @param requestTimeout the value to set
         * @return the dsl builder
         */
        default AdvancedLivePersonConnectorEndpointBuilder requestTimeout(int requestTimeout) {
            doSetProperty("requestTimeout", requestTimeout);
            return this;
        }

        /**
         * How long to wait for LivePerson's answer once the request is sent, in milliseconds.
         *
         * The option will be converted to a <code>int</code> type.
         *
         * Default: 30000
         * Group: advanced
         *
         * @param requestTimeout the value to set
         * @return the dsl builder
         */
        default AdvancedLivePersonConnectorEndpointBuilder requestTimeout(String requestTimeout) {
            doSetProperty("requestTimeout", requestTimeout);
            return this;
        }
    }

    /**
     * LivePerson Connector (scheme {@code liveperson-connector}): Open and drive LivePerson (LiveEngage)
     * messaging conversations through the Connector API: the Send API (create, send, close) and its webhooks
     * (notifications).
     *
     * Syntax: <code>liveperson-connector:operation</code>
     *
     * Path parameter: operation (required): What the endpoint does: create opens a conversation, send
     * publishes an event in it, close closes it (all three with to); notifications receives LiveEngage's
     * webhooks (with from).
     *
     * @param  path operation
     * @return      the dsl builder
     */
    static LivePersonConnectorEndpointBuilder livepersonConnector(String path) {
        return endpointBuilder("liveperson-connector", path);
    }

    /**
     * As {@link #livepersonConnector(String)}, for the component registered under another name.
     *
     * @param  componentName to use a custom component name for the endpoint instead of the default name
     * @param  path          operation
     * @return               the dsl builder
     */
    static LivePersonConnectorEndpointBuilder livepersonConnector(String componentName, String path) {
        return endpointBuilder(componentName, path);
    }

    static LivePersonConnectorEndpointBuilder endpointBuilder(String componentName, String path) {
        class LivePersonConnectorEndpointBuilderImpl extends LivePersonEndpointBuilderSupport
                implements LivePersonConnectorEndpointBuilder, AdvancedLivePersonConnectorEndpointBuilder {
            LivePersonConnectorEndpointBuilderImpl(String path) {
                super(componentName, path);
            }
        }
        return new LivePersonConnectorEndpointBuilderImpl(path);
    }
}
