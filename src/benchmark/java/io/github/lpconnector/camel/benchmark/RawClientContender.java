package io.github.lpconnector.camel.benchmark;

import java.io.IOException;
import java.net.URI;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.lpconnector.camel.http.NoAuthProtocolExec;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BufferedHeader;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.CharArrayBuffer;

/**
 * The limit: Apache HttpClient 5 async (the component's transport: same pool, I/O threads and execution chain, in
 * which {@link NoAuthProtocolExec} stands for HttpClient's authentication stage) posting pre-built batches and
 * pulling the conversation id out of the answer with Jackson's streaming parser. No Camel.
 * <p>
 * As {@code raw-client} it hands HttpCore its two token headers already formatted into header lines, made once, as
 * the component does: HttpCore writes such a line as it is. As {@code raw-unformatted} (not in the default run) it
 * sets them by name and value, as HttpClient's examples do, and HttpCore copies them into new lines, char by char, at
 * every request (the raw client of every run published before the component did the same).
 */
final class RawClientContender implements Contender {

    private static final JsonFactory JSON = new JsonFactory();

    private final boolean formattedHeaders;
    private CloseableHttpAsyncClient client;
    private byte[] batch;
    private URI uri;
    private Workload workload;
    private Header[] tokenHeaders;

    RawClientContender() {
        this(true);
    }

    RawClientContender(boolean formattedHeaders) {
        this.formattedHeaders = formattedHeaders;
    }

    @Override
    public String name() {
        return formattedHeaders ? "raw-client" : "raw-unformatted";
    }

    @Override
    public void start(Workload workload, int inFlight, int connections) {
        this.workload = workload;
        this.batch = Workload.batch("raw-batch");
        uri = URI.create(workload.baseUri + workload.createPath() + "?v=3");
        client = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(connections).setMaxConnPerRoute(connections).build())
                .setVersionPolicy(HttpVersionPolicy.FORCE_HTTP_1)
                .setIOReactorConfig(IOReactorConfig.custom()
                        .setIoThreadCount(Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()))).build())
                .replaceExecInterceptor(NoAuthProtocolExec.REPLACES, new NoAuthProtocolExec())
                .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement()
                .disableAuthCaching().disableConnectionState()
                .build();
        client.start();
        tokenHeaders = new Header[] { formatted("Authorization", workload.appJwt),
                formatted("X-LP-ON-BEHALF", workload.consumerJws) };
    }

    private static Header formatted(String name, String value) {
        CharArrayBuffer line = new CharArrayBuffer(name.length() + 2 + value.length());
        line.append(name);
        line.append(": ");
        line.append(value);
        return BufferedHeader.create(line);
    }

    @Override
    public void submit(Completion completion) {
        // pre-built: the same bytes each time (request ids need only be unique within a batch)
        SimpleRequestBuilder builder = SimpleRequestBuilder.post(uri).setBody(batch, ContentType.APPLICATION_JSON);
        if (formattedHeaders) {
            builder.addHeader(tokenHeaders[0]).addHeader(tokenHeaders[1]);
        } else {
            builder.addHeader("Authorization", workload.appJwt).addHeader("X-LP-ON-BEHALF", workload.consumerJws);
        }
        SimpleHttpRequest request = builder.build();
        client.execute(SimpleRequestProducer.create(request), SimpleResponseConsumer.create(), new FutureCallback<>() {
            @Override
            public void completed(SimpleHttpResponse response) {
                String id = null;
                Throwable error = null;
                try {
                    id = response.getCode() == 200 ? conversationId(response.getBodyBytes()) : null;
                    if (id == null) {
                        error = new IOException("HTTP " + response.getCode() + ": " + response.getBodyText());
                    }
                } catch (IOException e) {
                    error = e;
                }
                completion.done(id, error);
            }

            @Override
            public void failed(Exception ex) {
                completion.done(null, ex);
            }

            @Override
            public void cancelled() {
                completion.done(null, new IOException("cancelled"));
            }
        });
    }


    static String conversationId(byte[] answer) throws IOException {
        try (JsonParser parser = JSON.createParser(answer)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME && "conversationId".equals(parser.currentName())) {
                    return parser.nextTextValue();
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close(CloseMode.GRACEFUL);
        }
    }
}
