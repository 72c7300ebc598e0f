package io.github.lpconnector.camel;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.github.lpconnector.camel.LivePersonTokens.Credentials;
import io.github.lpconnector.camel.LivePersonTokens.Plan;
import io.github.lpconnector.camel.http.RetryPolicy;
import io.github.lpconnector.camel.http.RetryingHttpCall;
import io.github.lpconnector.camel.http.RetryingHttpCall.Answer;
import io.github.lpconnector.camel.operation.ConnectorCall;
import io.github.lpconnector.camel.operation.ConnectorOperation;
import io.github.lpconnector.camel.result.LivePersonAnswerReader;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultAsyncProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.HTTP_STATUS;

/**
 * Sends each exchange to the Connector API without blocking:
 * <ol>
 * <li>the operation turns the exchange into a checked call, and the token plan says where the tokens come from -
 * an invalid exchange fails here, before any HTTP call;</li>
 * <li>hosts and tokens are resolved (cached, or fetched once for all waiting exchanges);</li>
 * <li>the call is made, with scheduled retries; after a 401, tokens the component obtained itself are renewed and
 * the call is made once more;</li>
 * <li>the answer becomes headers and body, or a typed exception.</li>
 * </ol>
 * The callback is completed exactly once on every path.
 */
public class LivePersonConnectorProducer extends DefaultAsyncProducer {

    private static final Logger LOG = LoggerFactory.getLogger(LivePersonConnectorProducer.class);

    private final LivePersonConnectorEndpoint endpoint;
    private final LivePersonConnectorConfiguration configuration;
    private final LivePersonAnswerReader answerReader = new LivePersonAnswerReader();
    private final ConnectorOperation operation;
    private LivePersonTokens tokens;
    private RetryingHttpCall http;

    public LivePersonConnectorProducer(LivePersonConnectorEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.configuration = endpoint.getConfiguration();
        this.operation = ConnectorOperation.of(endpoint.getOperation(), configuration);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        tokens = new LivePersonTokens(configuration, endpoint.session());
        http = new RetryingHttpCall(endpoint.getHttpClient(), endpoint.getRetryScheduler(),
                new RetryPolicy(configuration.getMaxRetries(), configuration.getRetryDelay(),
                        configuration.getMaxRetryDelay()), endpoint.getStatistics());
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback done) {
        AsyncCallback callback = endpoint.getStatistics().observe(exchange, done);
        ConnectorCall call;
        CompletableFuture<Answer> answered;
        try {
            call = operation.prepare(exchange);
            Plan plan = tokens.plan(exchange);
            LOG.debug("LivePerson {} (exchange {})", call.operation(), exchange.getExchangeId());
            answered = callWithRenewal(call, plan);
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        answered.whenComplete((answer, failure) -> {
            try {
                if (failure != null) {
                    exchange.setException(unwrap(failure));
                } else {
                    onAnswer(exchange, call, answer);
                }
            } catch (Exception e) {
                exchange.setException(e);
            } finally {
                callback.done(false);
            }
        });
        return false;
    }

    /** Resolves the credentials and calls; after a 401 on a token the component fetched, renews it and calls again, once. */
    private CompletableFuture<Answer> callWithRenewal(ConnectorCall call, Plan plan) {
        return attempt(call, plan).handle((result, failure) -> {
            if (failure == null && result.answer().response().status() == 401
                && tokens.renewAfter401(result.credentials(), errorCode(call, result.answer()), false)) {
                LOG.debug("LivePerson {} answered 401: renewing the token and trying once more", call.operation());
                return attempt(call, plan).thenApply(Attempt::answer);
            }
            if (failure != null && plan.appJwt() == null && LivePersonTokens.isIdp401(unwrap(failure))) {
                LOG.debug("The IDP answered 401: renewing the AppJWT and trying once more");
                return attempt(call, plan).thenApply(Attempt::answer); // resolve dropped the refused AppJWT
            }
            return failure != null ? CompletableFuture.<Answer> failedFuture(unwrap(failure))
                    : CompletableFuture.completedFuture(result.answer());
        }).thenCompose(next -> next);
    }

    /** An answer and the credentials it was obtained with. */
    private record Attempt(Answer answer, Credentials credentials) {
    }

    private CompletableFuture<Attempt> attempt(ConnectorCall call, Plan plan) {
        CompletableFuture<Credentials> resolved = tokens.resolve(plan, http);
        if (resolved.isDone() && !resolved.isCompletedExceptionally()) {
            try {
                return post(call, resolved.join()); // the usual case: no future to wait on
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e); // as thenCompose would have it
            }
        }
        return resolved.thenCompose(credentials -> post(call, credentials));
    }

    private CompletableFuture<Attempt> post(ConnectorCall call, Credentials credentials) {
        URI uri = requestUri(credentials.messagingBase(), call.pathAndQuery());
        return http.post(call.operation(), uri, call.json(), tokens.headers(credentials))
                .thenApply(answer -> new Attempt(answer, credentials));
    }

    /** The last request URI built, with what it was built from. */
    private record RequestUri(URI base, String pathAndQuery, URI uri) {
    }

    private volatile RequestUri lastUri;

    /** {@code base + pathAndQuery}, checked to stay on the base's origin; built once per base and operation path. */
    private URI requestUri(URI base, String pathAndQuery) {
        RequestUri last = lastUri;
        if (last != null && last.pathAndQuery().equals(pathAndQuery) && last.base().equals(base)) {
            return last.uri();
        }
        int query = pathAndQuery.indexOf('?');
        URI uri = LivePersonInputRules.sameOrigin(base, URI.create(base + pathAndQuery),
                query >= 0 ? pathAndQuery.substring(0, query) : pathAndQuery);
        lastUri = new RequestUri(base, pathAndQuery, uri);
        return uri;
    }

    private Integer errorCode(ConnectorCall call, Answer answer) {
        return answerReader.httpError(call.operation(), answer.response(), answer.attempts()).getErrorCode();
    }

    private void onAnswer(Exchange exchange, ConnectorCall call, Answer answer) {
        exchange.getMessage().setHeader(HTTP_STATUS, answer.response().status());
        if (!answer.response().isSuccess()) {
            exchange.setException(answerReader.httpError(call.operation(), answer.response(), answer.attempts()));
            return;
        }
        call.onSuccess(exchange, answer.response());
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
