package io.github.lpconnector.camel;

import java.net.URI;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import io.github.lpconnector.camel.LivePersonAuthenticationException.Step;
import io.github.lpconnector.camel.auth.LivePersonSession;
import io.github.lpconnector.camel.auth.ServiceDomains.Bases;
import io.github.lpconnector.camel.http.RetryingHttpCall;
import org.apache.camel.Exchange;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.HEADER_AUTHORIZATION;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.HEADER_CLIENT_PROPERTIES;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.HEADER_ON_BEHALF;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_APP_JWT;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_CONSUMER_JWS;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_EXT_CONSUMER_ID;

/**
 * Finds the two tokens of an exchange, in this order: its exchange properties, then the endpoint's options, then
 * automatic acquisition (AppJWT from Sentinel with {@code clientId}/{@code clientSecret}; ConsumerJWS from the IDP
 * for {@code LivePersonExtConsumerId}/{@code extConsumerId}). Never reads message headers, which an inbound Kafka or
 * JMS message could set.
 */
final class LivePersonTokens {

    private static final String APP_JWT_OPTION = "option appJwt";
    private static final String CONSUMER_JWS_OPTION = "option consumerJws";

    private final LivePersonConnectorConfiguration configuration;
    private final LivePersonSession session;

    LivePersonTokens(LivePersonConnectorConfiguration configuration, LivePersonSession session) {
        this.configuration = configuration;
        this.session = session;
    }

    /**
     * Where an exchange's tokens come from; a null token is fetched.
     *
     * @param appJwt        the given AppJWT, or null to fetch it from Sentinel
     * @param consumerJws   the given ConsumerJWS, or null to fetch it from the IDP
     * @param extConsumerId the consumer whose ConsumerJWS is fetched, when {@code consumerJws} is null
     */
    record Plan(String appJwt, String consumerJws, String extConsumerId) {

        boolean fetchesTokens() {
            return appJwt == null || consumerJws == null;
        }
    }

    /**
     * The tokens and the messaging host of one call.
     *
     * @param appJwtFetched      whether the component obtained the AppJWT itself (so may renew it after a 401)
     * @param consumerJwsFetched whether the component obtained the ConsumerJWS itself
     */
    record Credentials(URI messagingBase, String appJwt, boolean appJwtFetched, String consumerJws,
            boolean consumerJwsFetched, String extConsumerId) {
    }

    /** Decides where the tokens come from, before any HTTP call; throws when no source is configured. */
    Plan plan(Exchange exchange) {
        String appJwt = appJwtRules.given(exchange, PROPERTY_APP_JWT, "exchange property " + PROPERTY_APP_JWT,
                configuration.getAppJwt(), APP_JWT_OPTION);
        if (appJwt == null && (!configuration.hasClientCredentials() || session.appJwts() == null)) {
            throw new LivePersonValidationException(PROPERTY_APP_JWT, "missing: set exchange property "
                                                                      + PROPERTY_APP_JWT
                                                                      + ", option appJwt, or options clientId and clientSecret");
        }
        String consumerJws = consumerJwsRules.given(exchange, PROPERTY_CONSUMER_JWS,
                "exchange property " + PROPERTY_CONSUMER_JWS, configuration.getConsumerJws(), CONSUMER_JWS_OPTION);
        String extConsumerId = null;
        if (consumerJws == null) {
            extConsumerId = extConsumerId(exchange);
            if (extConsumerId == null) {
                throw new LivePersonValidationException(PROPERTY_CONSUMER_JWS, "missing: set exchange property "
                                                                               + PROPERTY_CONSUMER_JWS
                                                                               + ", option consumerJws, or a consumer in exchange property "
                                                                               + PROPERTY_EXT_CONSUMER_ID
                                                                               + " or option extConsumerId");
            }
        }
        return new Plan(appJwt, consumerJws, extConsumerId);
    }

    /**
     * When the options give both tokens and the messaging host, checks the tokens and makes their credentials and
     * headers now, as the first exchange relying on them would: see {@link LivePersonConnectorProducer#doStart()}.
     *
     * @return those credentials, or null when an option is missing or refused (each exchange then reports it)
     */
    Credentials fromOptions() {
        try {
            String appJwt = appJwtRules.checked(PROPERTY_APP_JWT, APP_JWT_OPTION, configuration.getAppJwt());
            String consumerJws = consumerJwsRules.checked(PROPERTY_CONSUMER_JWS, CONSUMER_JWS_OPTION,
                    configuration.getConsumerJws());
            Bases bases = session.domains().basesWithoutLookup(false);
            if (appJwt == null || consumerJws == null || bases == null) {
                return null;
            }
            Credentials credentials = given(bases.messaging(), new Plan(appJwt, consumerJws, null)).join();
            headers(credentials);
            return credentials;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Obtains what the plan leaves open: hosts (once), the AppJWT, then the ConsumerJWS. */
    CompletableFuture<Credentials> resolve(Plan plan, RetryingHttpCall http) {
        CompletableFuture<Bases> known = session.domains().bases(http, plan.fetchesTokens());
        if (plan.appJwt() != null && plan.consumerJws() != null && known.isDone() && !known.isCompletedExceptionally()) {
            // nothing to fetch: the usual case of given tokens, without a chain of already completed futures
            try {
                return given(known.join().messaging(), plan);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return known
                .thenCompose(bases -> appJwt(plan, bases, http)
                        .thenCompose(appJwt -> consumerJws(plan, bases, appJwt, http)
                                .thenApply(jws -> new Credentials(bases.messaging(), appJwt, plan.appJwt() == null, jws,
                                        plan.consumerJws() == null, plan.extConsumerId()))));
    }

    /**
     * Called when LivePerson answered 401 (the messaging service with {@code errorCode}, or the IDP): drops the
     * refused tokens the component obtained itself. True when the exchange should be tried again, once.
     */
    boolean renewAfter401(Credentials credentials, Integer errorCode, boolean fromIdp) {
        boolean renewed = false;
        boolean consumerJwsRefused = errorCode != null && (errorCode == 40103 || errorCode == 40104);
        if (credentials.appJwtFetched() && !consumerJwsRefused) {
            session.appJwts().invalidate(credentials.appJwt());
            renewed = true;
        }
        if (!fromIdp && credentials.consumerJwsFetched() && consumerJwsRefused) {
            session.consumerJwss().invalidate(credentials.extConsumerId(), credentials.consumerJws());
            renewed = true;
        }
        return renewed;
    }

    /** The credentials of the last exchange that brought its own tokens: most exchanges bring the same ones. */
    private volatile CompletableFuture<Credentials> lastGiven;

    private CompletableFuture<Credentials> given(URI messagingBase, Plan plan) {
        CompletableFuture<Credentials> last = lastGiven;
        if (last != null) {
            Credentials c = last.join();
            if (c.appJwt().equals(plan.appJwt()) && c.consumerJws().equals(plan.consumerJws())
                && Objects.equals(c.extConsumerId(), plan.extConsumerId()) && c.messagingBase().equals(messagingBase)) {
                return last;
            }
        }
        CompletableFuture<Credentials> given = CompletableFuture.completedFuture(new Credentials(messagingBase,
                plan.appJwt(), false, plan.consumerJws(), false, plan.extConsumerId()));
        lastGiven = given;
        return given;
    }

    /** The headers of the last call: tokens change rarely, so most calls reuse them. */
    private record Headers(String appJwt, String consumerJws, String clientProperties, Map<String, String> map) {
    }

    private volatile Headers lastHeaders;

    /** The request headers of a Connector API call with these credentials (unmodifiable). */
    Map<String, String> headers(Credentials credentials) {
        Headers last = lastHeaders;
        if (last != null && last.appJwt().equals(credentials.appJwt())
            && last.consumerJws().equals(credentials.consumerJws())
            && Objects.equals(last.clientProperties(), configuration.getClientProperties())) {
            return last.map();
        }
        Map<String, String> headers = new HashMap<>(4);
        headers.put(HEADER_AUTHORIZATION, credentials.appJwt());
        headers.put(HEADER_ON_BEHALF, credentials.consumerJws());
        if (configuration.getClientProperties() != null && !configuration.getClientProperties().isBlank()) {
            headers.put(HEADER_CLIENT_PROPERTIES, configuration.getClientProperties());
        }
        Map<String, String> map = Collections.unmodifiableMap(headers);
        lastHeaders = new Headers(credentials.appJwt(), credentials.consumerJws(), configuration.getClientProperties(), map);
        return map;
    }

    private CompletableFuture<String> appJwt(Plan plan, Bases bases, RetryingHttpCall http) {
        if (plan.appJwt() != null) {
            return CompletableFuture.completedFuture(plan.appJwt());
        }
        return session.appJwts().token(http, bases.sentinel());
    }

    private CompletableFuture<String> consumerJws(Plan plan, Bases bases, String appJwt, RetryingHttpCall http) {
        if (plan.consumerJws() != null) {
            return CompletableFuture.completedFuture(plan.consumerJws());
        }
        URI idp;
        try {
            idp = bases.idp();
        } catch (LivePersonAuthenticationException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<String> jws = session.consumerJwss().token(http, idp, appJwt, plan.extConsumerId());
        if (plan.appJwt() == null) {
            // completes after the action: whoever sees the failure finds the refused AppJWT already dropped
            return jws.whenComplete((token, failure) -> {
                if (isIdp401(failure)) {
                    session.appJwts().invalidate(appJwt); // the IDP refused our AppJWT: the next try fetches a new one
                }
            });
        }
        return jws;
    }

    private String extConsumerId(Exchange exchange) {
        Object value = exchange.getProperty(PROPERTY_EXT_CONSUMER_ID);
        String id = value != null ? value.toString() : configuration.getExtConsumerId();
        if (id == null || id.isBlank()) {
            return null;
        }
        String field = value != null ? PROPERTY_EXT_CONSUMER_ID : "extConsumerId";
        return LivePersonInputRules.externalId(field, id);
    }

    private final GivenToken appJwtRules = new GivenToken();
    private final GivenToken consumerJwsRules = new GivenToken();

    /** Reads a given token and checks it; the token last checked is remembered, since most exchanges carry it again. */
    private static final class GivenToken {
        private volatile String lastChecked;

        /**
         * The token from the exchange property, else the option; null when neither gives one. The sources, named in
         * error messages, are constants: no string is built per exchange.
         */
        String given(Exchange exchange, String property, String propertySource, String option, String optionSource) {
            Object value = exchange.getProperty(property);
            return value != null ? checked(property, propertySource, value.toString())
                    : checked(property, optionSource, option);
        }

        /** {@code token} checked (null when null or blank); throws, naming {@code property} and {@code source}. */
        String checked(String property, String source, String token) {
            if (token == null || token == lastChecked) { // the same object: checked already
                return token;
            }
            if (token.isBlank()) {
                return null;
            }
            String checked = LivePersonInputRules.token(property, source, token);
            lastChecked = checked;
            return checked;
        }
    }

    /** True for the failure of a ConsumerJWS call that the IDP refused with 401. */
    static boolean isIdp401(Throwable failure) {
        if (failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        return failure instanceof LivePersonAuthenticationException e && e.getStep() == Step.CONSUMER_JWS
               && e.getHttpResponseCode() == 401;
    }
}
