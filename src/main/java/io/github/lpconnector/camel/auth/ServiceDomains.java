package io.github.lpconnector.camel.auth;

import io.github.lpconnector.camel.LivePersonInputRules;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lpconnector.camel.LivePersonAuthenticationException;
import io.github.lpconnector.camel.LivePersonAuthenticationException.Step;
import io.github.lpconnector.camel.http.RetryingHttpCall;
import io.github.lpconnector.camel.http.RetryingHttpCall.Answer;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.SERVICE_IDP;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.SERVICE_MESSAGING;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.SERVICE_SENTINEL;

/**
 * Where the services of one account live. Hosts come from the {@code domain} option or from one Domain API lookup,
 * shared by all exchanges (single flight) and kept once it succeeded; a failed lookup is forgotten, so the next
 * exchange asks again. {@code baseUri}, when set, replaces {@code https://{host}} of every call.
 */
public final class ServiceDomains {

    private final String accountId;
    private final String domain;
    private final String csdsDomain;
    private final URI baseUri;
    private final AtomicReference<CompletableFuture<Map<String, String>>> lookup = new AtomicReference<>();
    private final LongAdder lookups = new LongAdder();
    /** The bases when no lookup is needed: the same for every exchange. */
    private final CompletableFuture<Bases> withoutLookup;
    /** The bases made of the last lookup's hosts, reused while that lookup stands. */
    private volatile LookedUp lastLookedUp;

    private record LookedUp(CompletableFuture<Map<String, String>> hosts, CompletableFuture<Bases> bases) {
    }

    /**
     * @param domain     the messaging host, or null to look it up
     * @param csdsDomain the Domain API host
     * @param baseUri    replaces {@code https://{host}} of every call, or null
     */
    public ServiceDomains(String accountId, String domain, String csdsDomain, URI baseUri) {
        this.accountId = accountId;
        this.domain = domain;
        this.csdsDomain = csdsDomain;
        this.baseUri = baseUri;
        this.withoutLookup = CompletableFuture.completedFuture(new Bases(Map.of()));
    }

    /**
     * The scheme, host and port of each service for one exchange.
     *
     * @param fetchesTokens whether the exchange calls Sentinel or the IDP
     */
    public CompletableFuture<Bases> bases(RetryingHttpCall http, boolean fetchesTokens) {
        if (!lookupNeeded(fetchesTokens)) {
            return withoutLookup;
        }
        CompletableFuture<Map<String, String>> hosts = hosts(http);
        LookedUp last = lastLookedUp;
        if (last != null && last.hosts() == hosts) {
            return last.bases(); // the usual case: the one lookup is done
        }
        CompletableFuture<Bases> bases = hosts.thenApply(Bases::new);
        lastLookedUp = new LookedUp(hosts, bases);
        return bases;
    }

    /** The bases {@link #bases} gives without a lookup, or null when it would look the hosts up (this does not). */
    public Bases basesWithoutLookup(boolean fetchesTokens) {
        return lookupNeeded(fetchesTokens) ? null : withoutLookup.join();
    }

    private boolean lookupNeeded(boolean fetchesTokens) {
        return baseUri != null ? domain == null && fetchesTokens : domain == null || fetchesTokens;
    }

    /** How many Domain API lookups were started. */
    public long lookups() {
        return lookups.sum();
    }

    private CompletableFuture<Map<String, String>> hosts(RetryingHttpCall http) {
        while (true) {
            CompletableFuture<Map<String, String>> current = lookup.get();
            if (current != null && !current.isCompletedExceptionally()) {
                return current; // done or in flight: shared
            }
            CompletableFuture<Map<String, String>> fresh = new CompletableFuture<>();
            if (lookup.compareAndSet(current, fresh)) {
                lookups.increment();
                fetch(http).whenComplete((hosts, failure) -> {
                    if (failure != null) {
                        fresh.completeExceptionally(AuthAnswers.failure(Step.DOMAIN_LOOKUP, failure,
                                "no answer from the Domain API at " + csdsDomain));
                    } else {
                        fresh.complete(hosts);
                    }
                });
                return fresh;
            }
        }
    }

    private CompletableFuture<Map<String, String>> fetch(RetryingHttpCall http) {
        URI uri = URI.create(base(csdsDomain) + "/api/account/" + accountId + "/service/baseURI.json?version=1.0");
        return http.get("domainLookup", uri, Map.of("Accept", "application/json")).thenApply(this::read);
    }

    private Map<String, String> read(Answer answer) {
        if (!answer.response().isSuccess()) {
            throw AuthAnswers.httpError(Step.DOMAIN_LOOKUP, answer.response(),
                    "the Domain API at " + csdsDomain + " refused the lookup for account " + accountId);
        }
        JsonNode list = AuthAnswers.json(Step.DOMAIN_LOOKUP, answer.response()).get("baseURIs");
        if (list == null || !list.isArray()) {
            throw new LivePersonAuthenticationException(Step.DOMAIN_LOOKUP, answer.response().status(), null,
                    "the answer has no baseURIs array", null);
        }
        Map<String, String> hosts = new HashMap<>();
        for (JsonNode entry : list) {
            String service = entry.path("service").asText(null);
            String host = entry.path("baseURI").asText(null);
            if (service != null && host != null && LivePersonInputRules.isHostAndPort(host)) {
                hosts.putIfAbsent(service, host);
            }
        }
        return Map.copyOf(hosts);
    }

    private URI base(String host) {
        return baseUri != null ? baseUri : URI.create("https://" + host);
    }

    /** The bases of one exchange's calls; a service the lookup did not name fails as a DOMAIN_LOOKUP error. */
    public final class Bases {

        private final Map<String, String> hosts;
        /** Built on first use: a Bases serves many exchanges. */
        private volatile URI messaging;

        private Bases(Map<String, String> hosts) {
            this.hosts = hosts;
        }

        public URI messaging() {
            URI uri = messaging;
            if (uri == null) {
                uri = domain != null ? base(domain) : baseUri != null ? baseUri : base(require(SERVICE_MESSAGING));
                messaging = uri;
            }
            return uri;
        }

        public URI sentinel() {
            return baseUri != null ? baseUri : base(require(SERVICE_SENTINEL));
        }

        public URI idp() {
            return baseUri != null ? baseUri : base(require(SERVICE_IDP));
        }

        private String require(String service) {
            String host = hosts.get(service);
            if (host == null) {
                throw new LivePersonAuthenticationException(Step.DOMAIN_LOOKUP, 200, null,
                        "the Domain API named no valid host for service " + service + " of account " + accountId, null);
            }
            return host;
        }
    }
}
