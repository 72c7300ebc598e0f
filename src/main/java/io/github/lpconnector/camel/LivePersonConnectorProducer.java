package io.github.lpconnector.camel;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;

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
        prefill();
    }

    /**
     * Makes now what the first exchange would make and every later one reuses (the checked option tokens, their
     * headers and header lines, the request URI, the text template), so that the first exchange takes the path of all
     * others. Taking a first-use path through code the JIT compiled without it deoptimises that code - the code every
     * endpoint of the JVM shares, each time a producer starts (a route restarted, a new toD endpoint).
     */
    private void prefill() {
        operation.prefill();
        endpoint.getStatistics().noteAppJwt(configuration.getAppJwt());
        Credentials fromOptions = tokens.fromOptions();
        if (fromOptions != null) {
            try {
                endpoint.getHttpClient().expect(requestUri(fromOptions.messagingBase(), operation.pathAndQuery()),
                        tokens.headers(fromOptions));
            } catch (RuntimeException e) {
                // a path leaving the base's origin: each exchange reports it
            }
        }
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback done) {
        AsyncCallback callback = endpoint.getStatistics().observe(exchange, done);
        ConnectorCall call;
        Plan plan;
        try {
            call = operation.prepare(exchange);
            plan = tokens.plan(exchange);
            LOG.debug("LivePerson {} (exchange {})", call.operation(), exchange.getExchangeId());
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        call(call, plan, true, (answer, failure) -> {
            try {
                if (failure != null) {
                    exchange.setException(failure);
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

    /**
     * Resolves the credentials and posts, then hands the answer or the failure to {@code then}, exactly once. When
     * {@code mayRenew}, a 401 on a token the component fetched renews it and the call is made once more.
     */
    private void call(ConnectorCall call, Plan plan, boolean mayRenew, BiConsumer<Answer, Throwable> then) {
        CompletableFuture<Credentials> resolved;
        try {
            resolved = tokens.resolve(plan, http);
        } catch (RuntimeException e) {
            then.accept(null, e);
            return;
        }
        if (resolved.isDone() && !resolved.isCompletedExceptionally()) {
            post(call, plan, resolved.join(), mayRenew, then); // the usual case: no future to wait on
            return;
        }
        resolved.whenComplete((credentials, failure) -> {
            if (failure == null) {
                post(call, plan, credentials, mayRenew, then);
            } else if (mayRenew && plan.appJwt() == null && LivePersonTokens.isIdp401(unwrap(failure))) {
                LOG.debug("The IDP answered 401: renewing the AppJWT and trying once more");
                call(call, plan, false, then); // resolve dropped the refused AppJWT
            } else {
                then.accept(null, unwrap(failure));
            }
        });
    }

    private void post(ConnectorCall call, Plan plan, Credentials credentials, boolean mayRenew,
                      BiConsumer<Answer, Throwable> then) {
        CompletableFuture<Answer> answered;
        try {
            URI uri = requestUri(credentials.messagingBase(), call.pathAndQuery());
            answered = http.post(call.operation(), uri, call.json(), tokens.headers(credentials));
        } catch (RuntimeException e) {
            then.accept(null, e);
            return;
        }
        answered.whenComplete((answer, failure) -> {
            boolean renewed;
            try {
                renewed = failure == null && mayRenew && answer.response().status() == 401
                          && tokens.renewAfter401(credentials, errorCode(call, answer), false);
            } catch (RuntimeException e) {
                then.accept(null, e);
                return;
            }
            if (failure != null) {
                then.accept(null, unwrap(failure));
            } else if (renewed) {
                LOG.debug("LivePerson {} answered 401: renewing the token and trying once more", call.operation());
                call(call, plan, false, then);
            } else {
                then.accept(answer, null);
            }
        });
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
