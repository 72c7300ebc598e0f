package io.github.lpconnector.camel.benchmark;

import java.io.IOException;
import java.net.URI;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
import org.apache.hc.core5.io.CloseMode;

/**
 * The limit: Apache HttpClient 5's async client as it ships (its default execution chain and I/O reactor; only the
 * pool is sized for the cell), posting the same pre-built batch each time with the tokens set as plain headers, and
 * picking the conversation id out of the answer with Jackson's streaming parser. No Camel.
 */
final class RawClientContender implements Contender {

    private static final JsonFactory JSON = new JsonFactory();

    private CloseableHttpAsyncClient client;
    private byte[] batch;
    private URI uri;
    private Workload workload;

    @Override
    public String name() {
        return Report.RAW;
    }

    @Override
    public void start(Workload workload, int inFlight, int connections) {
        this.workload = workload;
        // request ids need only be unique within a batch, so every request can carry the same bytes
        this.batch = Workload.batch("raw-batch");
        uri = URI.create(workload.baseUri + workload.createPath() + "?v=3");
        client = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(connections).setMaxConnPerRoute(connections).build())
                .build();
        client.start();
    }

    @Override
    public void submit(Completion completion) {
        SimpleHttpRequest request = SimpleRequestBuilder.post(uri).setBody(batch, ContentType.APPLICATION_JSON)
                .addHeader("Authorization", workload.appJwt).addHeader("X-LP-ON-BEHALF", workload.consumerJws)
                .build();
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

    /** The first {@code conversationId} field of the answer, or null. */
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
