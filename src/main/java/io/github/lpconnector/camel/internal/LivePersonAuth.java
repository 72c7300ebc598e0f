package io.github.lpconnector.camel.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.lpconnector.camel.LivePersonAuthenticationException;
import io.github.lpconnector.camel.LivePersonAuthenticationException.Step;
import io.github.lpconnector.camel.LivePersonConnectorConfiguration;
import io.github.lpconnector.camel.LivePersonValidationException;
import org.apache.camel.Exchange;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_APP_JWT;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_CONSUMER_JWS;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.PROPERTY_EXT_CONSUMER_ID;
import static io.github.lpconnector.camel.internal.Protocol.SERVICE_FILES;
import static io.github.lpconnector.camel.internal.Protocol.SERVICE_IDP;
import static io.github.lpconnector.camel.internal.Protocol.SERVICE_MESSAGING;
import static io.github.lpconnector.camel.internal.Protocol.SERVICE_SENTINEL;

/**
 * The one owner of an account's credentials and hosts, shared by the endpoints of one account and one set of client
 * credentials. It decides where each exchange's tokens come from (its exchange properties, then the endpoint's
 * options, then automatic acquisition), obtains what is missing once for all waiting exchanges (hosts from the Domain
 * API, the AppJWT from Sentinel until shortly before its {@code exp}, one ConsumerJWS per consumer from the IDP), and
 * after a 401 renews what it obtained itself and tries the exchange once more. Tokens given by a route are never
 * renewed, and message headers are never read: an inbound Kafka or JMS message cannot set a token.
 */
public final class LivePersonAuth {

    private static final Logger LOG = LoggerFactory.getLogger(LivePersonAuth.class);
    /** Assumed lifetime of an AppJWT without a readable {@code exp} (LivePerson's live 60 minutes). */
    private static final Duration DEFAULT_APP_JWT_LIFETIME = Duration.ofMinutes(60);
    /** An AppJWT is renewed at most this long before its {@code exp}. */
    private static final Duration MAX_RENEWAL_MARGIN = Duration.ofSeconds(60);

    /** What makes two endpoints share an instance; the client secret is held only as a digest. */
    public record Key(String accountId, String domain, String csdsDomain, URI baseUri, String clientId,
            String clientSecretDigest, int consumerJwsCacheSize) {

        public static Key of(LivePersonConnectorConfiguration configuration) {
            return new Key(configuration.getAccountId(), emptyToNull(configuration.getDomain()),
                    configuration.getCsdsDomain(), OptionRules.baseUri(configuration), configuration.getClientId(),
                    digest(configuration.getClientSecret()), configuration.getConsumerJwsCacheSize());
        }
    }

    /**
     * Where an exchange's tokens come from; a null token is obtained by the component.
     *
     * @param appJwt        the given AppJWT, or null to obtain it from Sentinel
     * @param consumerJws   the given ConsumerJWS, or null to obtain it from the IDP
     * @param extConsumerId the consumer whose ConsumerJWS is obtained, when {@code consumerJws} is null
     */
    public record Plan(String appJwt, String consumerJws, String extConsumerId) {

        boolean obtainsTokens() {
            return appJwt == null || consumerJws == null;
        }

        @Override
        public String toString() {
            return "Plan[appJwt=" + (appJwt != null ? "given" : "obtained") + ", consumerJws="
                   + (consumerJws != null ? "given" : "obtained for " + extConsumerId) + "]";
        }
    }

    /** A call to the messaging service, made once the hosts and tokens are known. */
    @FunctionalInterface
    public interface MessagingCall {
        /** @param fileStorage the file storage's base, when the call asked for it, else null */
        CompletableFuture<LivePersonClient.Answer> send(URI messaging, URI fileStorage, LivePersonClient.Tokens tokens);
    }

    /** The hosts and tokens of one attempt, and which of the tokens the component obtained itself. */
    private record Resolved(URI messaging, URI fileStorage, LivePersonClient.Tokens tokens, boolean appJwtObtained,
            boolean consumerJwsObtained, String extConsumerId) {
    }

    private record AppJwt(String value, Instant renewAt) {
    }

    private final Key key;
    private final String clientSecret;
    private final Clock clock;
    private final SingleFlight<Map<String, String>> hosts = new SingleFlight<>();
    private final SingleFlight<AppJwt> appJwt = new SingleFlight<>();
    private final ConsumerJwsCache consumerJwss;

    public LivePersonAuth(LivePersonConnectorConfiguration configuration, Clock clock) {
        this.key = Key.of(configuration);
        this.clientSecret = configuration.getClientSecret();
        this.clock = clock;
        this.consumerJwss = new ConsumerJwsCache(configuration.getConsumerJwsCacheSize());
    }

    /** Decides where the tokens of {@code exchange} come from, before any call; throws when no source is set. */
    public Plan plan(Exchange exchange, LivePersonConnectorConfiguration configuration) {
        String appJwt = given(exchange, PROPERTY_APP_JWT, configuration.getAppJwt(), "option appJwt");
        if (appJwt == null && !configuration.hasClientCredentials()) {
            throw new LivePersonValidationException(PROPERTY_APP_JWT, "missing: set exchange property "
                                                                      + PROPERTY_APP_JWT
                                                                      + ", option appJwt, or options clientId and clientSecret");
        }
        String consumerJws = given(exchange, PROPERTY_CONSUMER_JWS, configuration.getConsumerJws(),
                "option consumerJws");
        String extConsumerId = null;
        if (consumerJws == null) {
            Object property = exchange.getProperty(PROPERTY_EXT_CONSUMER_ID);
            String id = property != null ? property.toString() : configuration.getExtConsumerId();
            if (id == null || id.isBlank()) {
                throw new LivePersonValidationException(PROPERTY_CONSUMER_JWS, "missing: set exchange property "
                                                                               + PROPERTY_CONSUMER_JWS
                                                                               + ", option consumerJws, or a consumer in exchange property "
                                                                               + PROPERTY_EXT_CONSUMER_ID
                                                                               + " or option extConsumerId");
            }
            extConsumerId = InputRules.externalId(property != null ? PROPERTY_EXT_CONSUMER_ID : "extConsumerId", id);
        }
        return new Plan(appJwt, consumerJws, extConsumerId);
    }

    /**
     * The property's token if the exchange has the property (null when it is blank: it never falls back to the
     * option), else the option's; checked so that no token can inject a header.
     */
    private static String given(Exchange exchange, String property, String option, String optionSource) {
        Object value = exchange.getProperty(property);
        String token = value != null ? value.toString() : option;
        if (token == null || token.isBlank()) {
            return null;
        }
        return InputRules.token(property, value != null ? "exchange property " + property : optionSource, token);
    }

    /**
     * Obtains what {@code plan} leaves open through {@code client}, makes {@code call}, and after a 401 on a token the
     * component obtained renews it and makes the call once more. Completes once, with LivePerson's answer or the
     * failure, unwrapped. With {@code fileStorage} the call is also handed the base of the file storage
     * ({@code swift}): {@code baseUri} when set, else the Domain API's host.
     */
    public CompletableFuture<LivePersonClient.Answer> call(Plan plan, LivePersonClient client, boolean fileStorage,
                                                           MessagingCall call) {
        CompletableFuture<LivePersonClient.Answer> result = new CompletableFuture<>();
        attempt(plan, client, fileStorage, call, true, result);
        return result;
    }

    private void attempt(Plan plan, LivePersonClient client, boolean fileStorage, MessagingCall call, boolean mayRenew,
                         CompletableFuture<LivePersonClient.Answer> result) {
        resolve(plan, client, fileStorage).whenComplete((resolved, failure) -> {
            try {
                if (failure != null) {
                    Throwable cause = Futures.unwrap(failure);
                    if (mayRenew && plan.appJwt() == null && isIdp401(cause)) {
                        LOG.debug("The IDP refused the AppJWT: renewing it and trying once more");
                        attempt(plan, client, fileStorage, call, false, result); // resolve forgot the refused AppJWT
                    } else {
                        result.completeExceptionally(cause);
                    }
                    return;
                }
                call.send(resolved.messaging(), resolved.fileStorage(), resolved.tokens())
                        .whenComplete((answer, callFailure) -> {
                    if (callFailure != null) {
                        result.completeExceptionally(Futures.unwrap(callFailure));
                    } else if (mayRenew && answer.status() == 401 && renewAfter401(resolved, answer)) {
                        LOG.debug("LivePerson answered 401: renewing the token and trying once more");
                        attempt(plan, client, fileStorage, call, false, result);
                    } else {
                        result.complete(answer);
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
    }

    /** Forgets the refused tokens the component obtained itself; true when there is something new to try. */
    private boolean renewAfter401(Resolved resolved, LivePersonClient.Answer answer) {
        Integer errorCode = AnswerReader.errorCode(answer);
        boolean consumerJwsRefused = errorCode != null && (errorCode == 40103 || errorCode == 40104);
        if (consumerJwsRefused && resolved.consumerJwsObtained()) {
            consumerJwss.forget(resolved.extConsumerId(), resolved.tokens().consumerJws());
            return true;
        }
        if (!consumerJwsRefused && resolved.appJwtObtained()) {
            forgetAppJwt(resolved.tokens().appJwt());
            return true;
        }
        return false;
    }

    private CompletableFuture<Resolved> resolve(Plan plan, LivePersonClient client, boolean fileStorage) {
        boolean lookup = key.baseUri() != null ? key.domain() == null && plan.obtainsTokens()
                : key.domain() == null || plan.obtainsTokens() || fileStorage;
        CompletableFuture<Map<String, String>> known = lookup
                ? hosts.get(h -> true, client::serviceHosts) : CompletableFuture.completedFuture(Map.of());
        return known.thenCompose(found -> {
            URI messaging = key.baseUri() != null ? key.baseUri()
                    : base(key.domain() != null ? key.domain() : required(found, SERVICE_MESSAGING));
            URI files = fileStorage ? service(found, SERVICE_FILES) : null;
            return appJwt(plan, found, client).thenCompose(token -> consumerJws(plan, found, token, client)
                    .thenApply(jws -> new Resolved(messaging, files, new LivePersonClient.Tokens(token, jws),
                            plan.appJwt() == null, plan.consumerJws() == null, plan.extConsumerId())));
        });
    }

    private CompletableFuture<String> appJwt(Plan plan, Map<String, String> found, LivePersonClient client) {
        if (plan.appJwt() != null) {
            return CompletableFuture.completedFuture(plan.appJwt());
        }
        return appJwt.get(token -> clock.instant().isBefore(token.renewAt()),
                () -> client.appJwt(service(found, SERVICE_SENTINEL), key.clientId(), clientSecret)
                        .thenApply(token -> new AppJwt(token, renewAt(token))))
                .thenApply(AppJwt::value);
    }

    private CompletableFuture<String> consumerJws(Plan plan, Map<String, String> found, String appJwt,
                                                  LivePersonClient client) {
        if (plan.consumerJws() != null) {
            return CompletableFuture.completedFuture(plan.consumerJws());
        }
        CompletableFuture<String> jws = consumerJwss.get(plan.extConsumerId(),
                () -> client.consumerJws(service(found, SERVICE_IDP), appJwt, plan.extConsumerId()));
        if (plan.appJwt() != null) {
            return jws;
        }
        // completes after the action: whoever sees the failure finds the refused AppJWT already forgotten
        return jws.whenComplete((token, failure) -> {
            if (failure != null && isIdp401(Futures.unwrap(failure))) {
                forgetAppJwt(appJwt);
            }
        });
    }

    private void forgetAppJwt(String stale) {
        appJwt.forgetIf(token -> token.value().equals(stale));
    }

    /**
     * Until when to use an AppJWT received now: shortly before its {@code exp} - a tenth of its remaining lifetime,
     * at most a minute - so that no exchange sends a token about to expire.
     */
    private Instant renewAt(String token) {
        Instant now = clock.instant();
        Instant exp = JwtClaims.of(token).expiry();
        if (exp == null) {
            exp = now.plus(DEFAULT_APP_JWT_LIFETIME);
        }
        Duration remaining = Duration.between(now, exp);
        if (remaining.isNegative() || remaining.isZero()) {
            return now; // expired by our clock: serve the exchanges waiting on it, obtain a new one after
        }
        Duration margin = remaining.dividedBy(10);
        return exp.minus(margin.compareTo(MAX_RENEWAL_MARGIN) > 0 ? MAX_RENEWAL_MARGIN : margin);
    }

    /** The base of Sentinel, the IDP or the file storage: {@code baseUri} when set, else the Domain API's host. */
    private URI service(Map<String, String> found, String service) {
        return key.baseUri() != null ? key.baseUri() : base(required(found, service));
    }

    private String required(Map<String, String> found, String service) {
        String host = found.get(service);
        if (host == null) {
            throw new LivePersonAuthenticationException(Step.DOMAIN_LOOKUP, 200, null,
                    "the Domain API named no valid host for service " + service + " of account " + key.accountId(),
                    null);
        }
        return host;
    }

    private static URI base(String host) {
        return URI.create("https://" + host);
    }

    private static boolean isIdp401(Throwable failure) {
        return failure instanceof LivePersonAuthenticationException e && e.getStep() == Step.CONSUMER_JWS
               && e.getHttpResponseCode() == 401;
    }

    private static String emptyToNull(String value) {
        return ObjectHelper.isEmpty(value) ? null : value;
    }

    private static String digest(String secret) {
        if (secret == null) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
