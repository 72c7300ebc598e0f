package io.github.lpconnector.camel.http;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import javax.net.ssl.SSLContext;

import io.github.lpconnector.camel.LivePersonConnectorConfiguration;
import org.apache.camel.CamelContext;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.HttpsSupport;
import org.apache.hc.core5.ssl.SSLContexts;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.Method;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.http.message.BasicLineFormatter;
import org.apache.hc.core5.http.message.BufferedHeader;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.CharArrayBuffer;
import org.apache.hc.core5.util.Timeout;

/**
 * The one HTTP client of an endpoint: Apache HttpClient 5 async, pooled connections, a few I/O threads whatever the
 * number of requests in flight. It never retries by itself; the producer decides about retries.
 */
public final class LivePersonHttpClient implements Closeable {

    /** Answers from the Connector API are small; anything beyond this is refused rather than buffered. */
    public static final int MAX_RESPONSE_BYTES = 1024 * 1024;

    /**
     * Initial size of each connection's input and output buffers (HttpCore's default is 8 KiB). LivePerson's
     * answers and requests are a few KiB at most, and with thousands of pooled connections the buffers are most of
     * the client's heap. They grow when a message needs it (HttpCore expands a full buffer; bodies stream through
     * the response consumer, bounded by {@link #MAX_RESPONSE_BYTES}), so this bounds nothing.
     */
    static final int CONNECTION_BUFFER_BYTES = 2048;

    private final CloseableHttpAsyncClient client;
    private final long deadlineMillis;
    /**
     * Ends any attempt that has no complete answer after connectTimeout + requestTimeout, however the server
     * trickles bytes: the response timeout alone only bounds the silence between two reads.
     */
    private final RequestDeadlines deadlines;

    private LivePersonHttpClient(CloseableHttpAsyncClient client, long deadlineMillis) {
        this.client = client;
        this.deadlineMillis = deadlineMillis;
        this.deadlines = new RequestDeadlines(deadlineMillis);
    }

    public static LivePersonHttpClient create(LivePersonConnectorConfiguration configuration, CamelContext context)
            throws Exception {
        PoolingAsyncClientConnectionManagerBuilder connections = PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnTotal(configuration.getMaxConnections())
                .setMaxConnPerRoute(configuration.getMaxConnections())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofMilliseconds(configuration.getConnectTimeout()))
                        .build());
        SSLContext sslContext = configuration.getSslContextParameters() != null
                ? configuration.getSslContextParameters().createSSLContext(context) : SSLContexts.createSystemDefault();
        // host names are always checked by HttpClient itself (and by JSSE): a trusted certificate made out to
        // another host is refused whatever the SSLContext in use
        connections.setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(sslContext)
                .setHostnameVerifier(HttpsSupport.getDefaultHostnameVerifier())
                .setHostVerificationPolicy(HostnameVerificationPolicy.BOTH)
                .buildAsync());
        PoolingAsyncClientConnectionManager connectionManager = connections.build();

        var builder = HttpAsyncClients.custom()
                .setConnectionManager(connectionManager)
                .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                .setHttp1Config(Http1Config.custom().setBufferSize(CONNECTION_BUFFER_BYTES).build())
                .setIOReactorConfig(IOReactorConfig.custom()
                        .setIoThreadCount(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())))
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.ofMilliseconds(configuration.getRequestTimeout()))
                        .build())
                .replaceExecInterceptor(NoAuthProtocolExec.REPLACES, new NoAuthProtocolExec())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableConnectionState();
        if (configuration.getProxyHost() != null) {
            int port = configuration.getProxyPort() != null ? configuration.getProxyPort() : 8080;
            builder.setProxy(new HttpHost(configuration.getProxyHost(), port));
        }
        CloseableHttpAsyncClient client = builder.build();
        client.start();
        return new LivePersonHttpClient(client,
                (long) configuration.getConnectTimeout() + (long) configuration.getRequestTimeout());
    }

    /**
     * POSTs a JSON body. The future completes with the answer, whatever its status, or exceptionally with the
     * {@link IOException} that prevented an answer.
     */
    public CompletableFuture<LivePersonHttpResponse> postJson(URI uri, byte[] json, Map<String, String> headers) {
        Target target = target(uri);
        SimpleHttpRequest request = SimpleHttpRequest.create(Method.POST, target.host(), target.pathAndQuery());
        request.setBody(json, ContentType.APPLICATION_JSON);
        return execute(request, headers);
    }

    /**
     * Splits {@code uri} and formats {@code headers} now, for the calls that will POST to it with them (only the last
     * URI's split and the last headers' lines are kept).
     */
    public void expect(URI uri, Map<String, String> headers) {
        target(uri);
        formatted(headers);
    }

    /** POSTs an {@code application/x-www-form-urlencoded} body made of {@code form}, as {@link #postJson}. */
    public CompletableFuture<LivePersonHttpResponse> postForm(URI uri, Map<String, String> form,
                                                              Map<String, String> headers) {
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        return execute(SimpleRequestBuilder.post(uri)
                .setBody(body.toString(), ContentType.APPLICATION_FORM_URLENCODED).build(), headers);
    }

    /** GETs {@code uri}, as {@link #postJson}. */
    public CompletableFuture<LivePersonHttpResponse> get(URI uri, Map<String, String> headers) {
        return execute(SimpleRequestBuilder.get(uri).build(), headers);
    }

    private CompletableFuture<LivePersonHttpResponse> execute(SimpleHttpRequest built, Map<String, String> headers) {
        for (Header header : formatted(headers)) {
            built.addHeader(header);
        }
        PendingRequest pending = new PendingRequest(deadlineMillis);
        pending.inFlight = client.execute(SimpleRequestProducer.create(built),
                new BoundedResponseConsumer(MAX_RESPONSE_BYTES), pending);
        pending.deadline = deadlines.watch(pending);
        if (pending.isDone()) {
            pending.deadline.forget(); // answered (or failed) before its deadline was set
        }
        return pending;
    }

    /**
     * One request in flight, as one object: the future of its answer, HttpClient's callback, and what its deadline
     * does (fail the future and cancel the request).
     */
    private static final class PendingRequest extends CompletableFuture<LivePersonHttpResponse>
            implements FutureCallback<LivePersonHttpResponse>, RequestDeadlines.Watched {

        private final long deadlineMillis;
        volatile Future<LivePersonHttpResponse> inFlight;
        volatile RequestDeadlines.Deadline deadline;

        PendingRequest(long deadlineMillis) {
            this.deadlineMillis = deadlineMillis;
        }

        @Override
        public void completed(LivePersonHttpResponse response) {
            complete(response);
            forgetDeadline();
        }

        @Override
        public void failed(Exception ex) {
            completeExceptionally(ex);
            forgetDeadline();
        }

        @Override
        public void cancelled() {
            completeExceptionally(new IOException("request cancelled"));
            forgetDeadline();
        }

        @Override
        public void expire() {
            if (completeExceptionally(new SocketTimeoutException(
                    "no complete answer within connectTimeout + requestTimeout (" + deadlineMillis + " ms)"))) {
                Future<LivePersonHttpResponse> request = inFlight;
                if (request != null) {
                    request.cancel(true);
                }
            }
        }

        private void forgetDeadline() {
            RequestDeadlines.Deadline d = deadline;
            if (d != null) {
                d.forget();
            }
        }
    }

    /** Headers as HttpCore writes them, with the map they were made of. */
    private record FormattedHeaders(Map<String, String> source, Header[] lines) {

        /** This set's line for {@code name: value}, or null. */
        Header line(String name, String value) {
            String known = source.get(name);
            if (known == null || !(known == value || known.equals(value))) {
                return null;
            }
            for (Header line : lines) {
                if (line.getName().equals(name)) {
                    return line;
                }
            }
            return null;
        }
    }

    /**
     * The last headers posted with: a producer's tokens change rarely, so most calls bring the same map again, and
     * with a ConsumerJWS per consumer the others keep the same AppJWT.
     */
    private volatile FormattedHeaders lastHeaders;

    /**
     * {@code headers} as already formatted header lines: HttpCore writes such a line as it is, where it would
     * otherwise copy each header into a new line char by char, at every request. For the two tokens (~1.3 KB with the
     * emulator's) that copy took 9-21 % of a client's CPU samples at 256 in flight. The last map's lines are reused
     * whole when the map comes again, and line by line when only some values changed: exchanges for one consumer
     * after another bring a new ConsumerJWS each, and the AppJWT's line stays.
     */
    Header[] formatted(Map<String, String> headers) {
        FormattedHeaders last = lastHeaders;
        if (last != null && last.source() == headers) {
            return last.lines();
        }
        Header[] lines = new Header[headers.size()];
        int i = 0;
        boolean allKnown = last != null && last.lines().length == lines.length;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            Header line = last != null ? last.line(header.getKey(), header.getValue()) : null;
            if (line == null) {
                allKnown = false;
                CharArrayBuffer formatted = new CharArrayBuffer(header.getKey().length() + 2 + header.getValue().length());
                BasicLineFormatter.INSTANCE.formatHeader(formatted, new BasicHeader(header.getKey(), header.getValue()));
                line = BufferedHeader.create(formatted);
            }
            lines[i++] = line;
        }
        if (allKnown) {
            return last.lines(); // an equal map: keep the one the next call will likely bring
        }
        lastHeaders = new FormattedHeaders(headers, lines);
        return lines;
    }

    /** Where a request goes, split once: the host and the request line's path and query. */
    private record Target(URI uri, HttpHost host, String pathAndQuery) {
    }

    /** The split of the last URI posted to: a producer posts to one URI, so this is a hit but for its first call. */
    private volatile Target lastTarget;

    private Target target(URI uri) {
        Target last = lastTarget;
        if (last != null && last.uri().equals(uri)) {
            return last;
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        Target target = new Target(uri, HttpHost.create(uri),
                uri.getRawQuery() != null ? path + "?" + uri.getRawQuery() : path);
        lastTarget = target;
        return target;
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
        deadlines.close();
    }
}
