package io.github.lpconnector.camel.auth;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lpconnector.camel.LivePersonAuthenticationException.Step;
import io.github.lpconnector.camel.http.RetryingHttpCall;
import io.github.lpconnector.camel.http.RetryingHttpCall.Answer;

/**
 * Obtains the AppJWT from Sentinel with the client credentials and keeps it until shortly before its {@code exp}.
 * One token call at a time, whatever the number of exchanges waiting: they all share the future of the call in
 * flight. A failed call is not kept: the next exchange tries again.
 */
public final class AppJwtProvider {

    private record Token(String value, Instant renewAt) {
    }

    private final String accountId;
    private final String clientId;
    private final String clientSecret;
    private final Clock clock;
    private final AtomicReference<CompletableFuture<Token>> current = new AtomicReference<>();
    private final LongAdder fetches = new LongAdder();

    public AppJwtProvider(String accountId, String clientId, String clientSecret, Clock clock) {
        this.accountId = accountId;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clock = clock;
    }

    /** A valid AppJWT: the cached one, the one being fetched, or a new one from {@code sentinelBase}. */
    public CompletableFuture<String> token(RetryingHttpCall http, URI sentinelBase) {
        while (true) {
            CompletableFuture<Token> f = current.get();
            if (f != null && !f.isCompletedExceptionally()) {
                if (!f.isDone()) {
                    return f.thenApply(Token::value);
                }
                Token token = f.join();
                if (clock.instant().isBefore(token.renewAt())) {
                    return CompletableFuture.completedFuture(token.value());
                }
            }
            CompletableFuture<Token> fresh = new CompletableFuture<>();
            if (current.compareAndSet(f, fresh)) {
                fetch(http, sentinelBase).whenComplete((token, failure) -> {
                    if (failure != null) {
                        fresh.completeExceptionally(AuthAnswers.failure(Step.APP_JWT, failure, "no answer from Sentinel"));
                    } else {
                        fresh.complete(token);
                    }
                });
                return fresh.thenApply(Token::value);
            }
        }
    }

    /**
     * Drops {@code stale} after LivePerson refused it, so that the next {@link #token} fetches a new one. A token
     * already replaced is left alone: 100 exchanges refused with the same token cause one renewal, not 100.
     */
    public void invalidate(String stale) {
        CompletableFuture<Token> f = current.get();
        if (f != null && f.isDone() && !f.isCompletedExceptionally() && f.join().value().equals(stale)) {
            current.compareAndSet(f, null);
        }
    }

    /** How many token calls were started. */
    public long fetches() {
        return fetches.sum();
    }

    private CompletableFuture<Token> fetch(RetryingHttpCall http, URI sentinelBase) {
        fetches.increment();
        URI uri = URI.create(sentinelBase + "/sentinel/api/account/" + accountId
                             + "/app/token?v=1.0&grant_type=client_credentials");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        return http.postForm("appJwt", uri, form, Map.of("Accept", "application/json")).thenApply(this::read);
    }

    private Token read(Answer answer) {
        if (!answer.response().isSuccess()) {
            throw AuthAnswers.httpError(Step.APP_JWT, answer.response(),
                    "Sentinel refused the client credentials of client id " + clientId + " for account " + accountId);
        }
        JsonNode token = AuthAnswers.json(Step.APP_JWT, answer.response()).get("access_token");
        String value = AuthAnswers.checkToken(Step.APP_JWT, answer.response().status(),
                token != null && token.isTextual() ? token.asText() : null);
        return new Token(value, JwtExpiry.renewAt(value, clock.instant()));
    }
}
