package io.github.lpconnector.camel.internal;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import io.github.lpconnector.camel.LivePersonConnectorConfiguration;
import org.apache.camel.CamelContext;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.HttpsSupport;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.ssl.SSLContexts;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Apache HttpClient 5's async client as it ships, with what the component adds around each call: the account's pace
 * (see {@link RetriedCall}), retries as scheduled tasks (no thread waits, whatever the delay), a deadline per attempt
 * from when it is sent, and answers read into memory up to a limit. The returned future completes once: with the
 * last answer, or with the typed failure.
 */
final class RetryingHttp implements AutoCloseable {

    /** Answers from the Connector API are small; anything beyond this is refused rather than buffered. */
    static final int MAX_ANSWER_BYTES = 1024 * 1024;

    private final CloseableHttpAsyncClient client;
    private final ScheduledExecutorService scheduler;
    private final RetryPolicy policy;
    private final CallStatistics statistics;
    /**
     * Ends an attempt that has no complete answer after connectTimeout + requestTimeout, however the server trickles
     * bytes: HttpClient's response timeout only bounds the silence between two reads.
     */
    private final long deadlineMillis;

    private final int maxQueued;
    private final long maxQueueWaitNanos;
    private final Set<RetriedCall> pending = ConcurrentHashMap.newKeySet();
    private final Set<Pace> paces = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private RetryingHttp(CloseableHttpAsyncClient client, ScheduledExecutorService scheduler, RetryPolicy policy,
                         CallStatistics statistics, LivePersonConnectorConfiguration configuration) {
        this.client = client;
        this.scheduler = scheduler;
        this.policy = policy;
        this.statistics = statistics;
        this.deadlineMillis = (long) configuration.getConnectTimeout() + configuration.getRequestTimeout();
        this.maxQueued = configuration.getMaxQueuedRequests();
        this.maxQueueWaitNanos = TimeUnit.MILLISECONDS.toNanos(configuration.getMaxQueueWait());
    }

    static RetryingHttp create(LivePersonConnectorConfiguration configuration, CamelContext context,
                               ScheduledExecutorService scheduler, CallStatistics statistics) throws Exception {
        SSLContext sslContext = configuration.getSslContextParameters() != null
                ? configuration.getSslContextParameters().createSSLContext(context) : SSLContexts.createSystemDefault();
        var connections = PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnTotal(configuration.getMaxConnections())
                .setMaxConnPerRoute(configuration.getMaxConnections())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofMilliseconds(configuration.getConnectTimeout()))
                        .build())
                // host names are checked by HttpClient and by JSSE: a trusted certificate for another host is refused
                .setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(sslContext)
                        .setHostnameVerifier(HttpsSupport.getDefaultHostnameVerifier())
                        .setHostVerificationPolicy(HostnameVerificationPolicy.BOTH)
                        .buildAsync())
                .build();
        var builder = HttpAsyncClients.custom()
                .setConnectionManager(connections)
                .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                .setIOReactorConfig(IOReactorConfig.custom()
                        .setIoThreadCount(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())))
                        // the reactor looks for timed-out connections at this interval: a tenth of the shortest
                        // timeout keeps a timeout of a few hundred milliseconds close to what was asked
                        .setSelectInterval(TimeValue.ofMilliseconds(selectInterval(configuration)))
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.ofMilliseconds(configuration.getRequestTimeout()))
                        .build())
                .disableAutomaticRetries() // the policy above decides, and never retries what may have been processed
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching();
        if (configuration.getProxyHost() != null) {
            int port = configuration.getProxyPort() != null ? configuration.getProxyPort() : 8080;
            builder.setProxy(new HttpHost(configuration.getProxyHost(), port));
        }
        CloseableHttpAsyncClient client = builder.build();
        client.start();
        RetryPolicy policy = new RetryPolicy(configuration.getMaxRetries(), configuration.getRetryDelay(),
                configuration.getMaxRetryDelay());
        return new RetryingHttp(client, scheduler, policy, statistics, configuration);
    }

    private static long selectInterval(LivePersonConnectorConfiguration configuration) {
        long shortest = Math.min(configuration.getConnectTimeout(), configuration.getRequestTimeout());
        return Math.max(10, Math.min(1000, shortest / 10));
    }

    /**
     * Executes the request {@code request} makes (once per attempt), retrying per the policy; with a {@code pace},
     * each attempt first waits for its turn there.
     *
     * @param operation the name reported to the statistics and in errors, e.g. {@code create}
     * @param token     the AppJWT the request carries, for the statistics' expiry, or null
     * @param pace      the account's pace, or null without the governor
     */
    CompletableFuture<LivePersonClient.Answer> execute(String operation, String token, Pace pace,
                                                       Supplier<SimpleHttpRequest> request) {
        if (pace != null) {
            paces.add(pace);
            statistics.pace(pace);
        }
        RetriedCall call = new RetriedCall(this, operation, pace, request, statistics.callStarted(operation, token));
        pending.add(call);
        call.result.whenComplete((answer, failure) -> pending.remove(call));
        if (closed) {
            call.stop();
        } else {
            call.start();
        }
        return call.result;
    }

    /** One attempt: its answer, or the I/O failure that prevented one, at the latest at its deadline. */
    CompletableFuture<LivePersonClient.Answer> once(SimpleHttpRequest request) {
        CompletableFuture<LivePersonClient.Answer> answer = new CompletableFuture<>();
        Future<LivePersonClient.Answer> inFlight = client.execute(SimpleRequestProducer.create(request),
                new BoundedAnswerConsumer(MAX_ANSWER_BYTES), new FutureCallback<>() {
                    @Override
                    public void completed(LivePersonClient.Answer result) {
                        answer.complete(result);
                    }

                    @Override
                    public void failed(Exception ex) {
                        answer.completeExceptionally(ex);
                    }

                    @Override
                    public void cancelled() {
                        answer.completeExceptionally(new IOException("request cancelled"));
                    }
                });
        ScheduledFuture<?> deadline = scheduler.schedule(() -> {
            if (answer.completeExceptionally(new SocketTimeoutException(
                    "no complete answer within connectTimeout + requestTimeout (" + deadlineMillis + " ms)"))) {
                inFlight.cancel(true);
            }
        }, deadlineMillis, TimeUnit.MILLISECONDS);
        answer.whenComplete((a, f) -> deadline.cancel(false));
        return answer;
    }

    /**
     * Stops: the requests of this endpoint still waiting in a pace fail there, a retry not yet sent ends with the
     * answer it retries, a request on the wire with a transport failure. Every call completes.
     */
    @Override
    public void close() {
        closed = true;
        paces.forEach(pace -> pace.abandon(this));
        pending.forEach(RetriedCall::stop);
        client.close(CloseMode.GRACEFUL);
    }

    RetryPolicy policy() {
        return policy;
    }

    CallStatistics statistics() {
        return statistics;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    int maxQueued() {
        return maxQueued;
    }

    long maxQueueWaitNanos() {
        return maxQueueWaitNanos;
    }
}
