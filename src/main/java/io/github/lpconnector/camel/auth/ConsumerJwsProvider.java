package io.github.lpconnector.camel.auth;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lpconnector.camel.LivePersonAuthenticationException.Step;
import io.github.lpconnector.camel.LivePersonConnectorException;
import io.github.lpconnector.camel.LivePersonJson;
import io.github.lpconnector.camel.http.RetryingHttpCall;
import io.github.lpconnector.camel.http.RetryingHttpCall.Answer;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.HEADER_AUTHORIZATION;

/**
 * Obtains ConsumerJWSs from the IDP, one per consumer ({@code ext_consumer_id}), and keeps them in a bounded cache
 * whose least recently used entry goes first. A ConsumerJWS does not expire; it is dropped only when LivePerson
 * refuses it. One IDP call per consumer at a time: concurrent exchanges of a consumer share the call in flight.
 */
public final class ConsumerJwsProvider {

    private final String accountId;
    private final int maxSize;
    private final Map<String, CompletableFuture<String>> cache;
    private final LongAdder fetches = new LongAdder();

    public ConsumerJwsProvider(String accountId, int maxSize) {
        this.accountId = accountId;
        this.maxSize = Math.max(1, maxSize);
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<String>> eldest) {
                return size() > ConsumerJwsProvider.this.maxSize;
            }
        };
    }

    /** The ConsumerJWS of {@code extConsumerId}: cached, being fetched, or fetched now with {@code appJwt}. */
    public CompletableFuture<String> token(RetryingHttpCall http, URI idpBase, String appJwt, String extConsumerId) {
        CompletableFuture<String> fresh;
        synchronized (cache) {
            CompletableFuture<String> known = cache.get(extConsumerId);
            if (known != null && !known.isCompletedExceptionally()) {
                return known;
            }
            fresh = new CompletableFuture<>();
            cache.put(extConsumerId, fresh);
        }
        fetch(http, idpBase, appJwt, extConsumerId).whenComplete((token, failure) -> {
            if (failure != null) {
                synchronized (cache) {
                    cache.remove(extConsumerId, fresh);
                }
                fresh.completeExceptionally(AuthAnswers.failure(Step.CONSUMER_JWS, failure, "no answer from the IDP"));
            } else {
                fresh.complete(token);
            }
        });
        return fresh;
    }

    /** Drops the cached ConsumerJWS of {@code extConsumerId} if it still is {@code stale}. */
    public void invalidate(String extConsumerId, String stale) {
        synchronized (cache) {
            CompletableFuture<String> known = cache.get(extConsumerId);
            if (known != null && known.isDone() && !known.isCompletedExceptionally() && stale.equals(known.join())) {
                cache.remove(extConsumerId);
            }
        }
    }

    /** How many IDP calls were started. */
    public long fetches() {
        return fetches.sum();
    }

    /** How many consumers are cached (calls in flight included). */
    public int size() {
        synchronized (cache) {
            return cache.size();
        }
    }

    private CompletableFuture<String> fetch(RetryingHttpCall http, URI idpBase, String appJwt, String extConsumerId) {
        fetches.increment();
        URI uri = URI.create(idpBase + "/api/account/" + accountId + "/consumer?v=1.0");
        ObjectNode body = LivePersonJson.MAPPER.createObjectNode().put("ext_consumer_id", extConsumerId);
        byte[] json;
        try {
            json = LivePersonJson.MAPPER.writeValueAsBytes(body);
        } catch (Exception e) {
            return CompletableFuture.failedFuture(new LivePersonConnectorException("cannot write the IDP request", e));
        }
        return http.post("consumerJws", uri, json, Map.of(HEADER_AUTHORIZATION, appJwt))
                .thenApply(answer -> read(answer, extConsumerId));
    }

    private String read(Answer answer, String extConsumerId) {
        if (!answer.response().isSuccess()) {
            throw AuthAnswers.httpError(Step.CONSUMER_JWS, answer.response(),
                    "the IDP refused a ConsumerJWS for consumer '" + extConsumerId + "' of account " + accountId);
        }
        JsonNode token = AuthAnswers.json(Step.CONSUMER_JWS, answer.response()).get("token");
        return AuthAnswers.checkToken(Step.CONSUMER_JWS, answer.response().status(),
                token != null && token.isTextual() ? token.asText() : null);
    }
}
