package io.github.lpconnector.camel.benchmark;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

import io.github.lpconnector.camel.LivePersonConnectorConfiguration;
import io.github.lpconnector.camel.http.LivePersonHttpClient;

/**
 * Not in the default run ({@code -Dbench.contenders=component,producer-only,http-only,raw-client}): the component's
 * HTTP layer ({@link LivePersonHttpClient}: its pool and I/O threads, request deadlines, bounded answer) posting the
 * raw client's pre-built batch, and picking the conversation id out of the answer as the raw client does. Against
 * the raw client it shows what that layer costs; against {@link ProducerOnlyContender} what the producer adds on top
 * (the batch written from the body, tokens, retries, the checked answer, the typed result, statistics).
 */
final class HttpOnlyContender implements Contender {

    private LivePersonHttpClient client;
    private byte[] batch;
    private URI uri;
    private Map<String, String> headers;

    @Override
    public String name() {
        return "http-only";
    }

    @Override
    public void start(Workload workload, int inFlight, int connections) throws Exception {
        batch = Workload.batch("raw-batch");
        uri = URI.create(workload.baseUri + workload.createPath() + "?v=3");
        headers = Map.of("Authorization", workload.appJwt, "X-LP-ON-BEHALF", workload.consumerJws);
        LivePersonConnectorConfiguration configuration = new LivePersonConnectorConfiguration();
        configuration.setMaxConnections(connections);
        client = LivePersonHttpClient.create(configuration, null);
    }

    @Override
    public void submit(Completion completion) {
        client.postJson(uri, batch, headers).whenComplete((response, failure) -> {
            if (failure != null) {
                completion.done(null, failure);
                return;
            }
            try {
                String id = response.status() == 200 ? RawClientContender.conversationId(response.body()) : null;
                completion.done(id, id == null ? new IOException("HTTP " + response.status()) : null);
            } catch (IOException e) {
                completion.done(null, e);
            }
        });
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
