package io.github.lpconnector.camel.emulator;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers webhook notifications the way LiveEngage does (liveperson-webhooks.md §2, §3), without holding a thread
 * while it waits: the JDK {@link HttpClient}'s asynchronous sends, retries and delays on the emulator's scheduler.
 * <ul>
 * <li>Each notification is a POST of its JSON body, signed once ({@link WebhookSignature}) with the client secret,
 * with {@code x-liveperson-account-id}, {@code x-liveperson-client-id} and the endpoint's extra headers; every attempt
 * sends the same bytes and signature.</li>
 * <li>Only 200 and 201 count as delivered; any other status (204 included), a connect timeout (5 s), no answer
 * within the read timeout (5 s, counted from the start of the request) or an I/O error is a failure.</li>
 * <li>Order: one lane per conversation sends one notification at a time, in the order the changes happened.
 * Number-based retries (max_retries) are best effort, as LivePerson says: a failed notification leaves the lane and
 * is retried on its own, so later ones may overtake it. With time-to-live retention the lane waits for the retries, so
 * the order within a conversation holds; a notification older than the retention time is given up.</li>
 * <li>Several URLs per type are used round-robin, attempt by attempt.</li>
 * </ul>
 * Faults ({@link WebhookFaults}) and every attempt are recorded in the {@link DeliveryLog}.
 */
final class WebhookDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    /** Raw UTF-8 for every character, as LivePerson's bodies (Jackson would escape those outside the BMP). */
    private static final ObjectWriter JSON = Reply.MAPPER.writer()
            .with(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8);

    /** A notification to deliver: its body and signature are the same on every attempt. */
    private record Notification(long id, long generation, String type, String accountId, String conversationId,
            long sequence, byte[] body, String signature) {
    }

    /** The notifications of one conversation still to send, and whether one of them is on its way. */
    private static final class Lane {
        final ArrayDeque<Notification> queue = new ArrayDeque<>();
        boolean busy;
    }

    /** Built at the first delivery: an emulator without webhooks runs no client thread. */
    private HttpClient http;
    private final ExecutorService executor;
    private final BiConsumer<Duration, Runnable> scheduler;
    private final DeliveryLog log;
    private final WebhookFaults faults;
    private final Clock clock;
    private final String clientId;
    private final String clientSecret;
    private final WebhookSetup setup;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> roundRobin = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile WebhookRegistrations registrations;

    WebhookDispatcher(WebhookSetup setup, String clientId, String clientSecret, Clock clock, ExecutorService executor,
            BiConsumer<Duration, Runnable> scheduler, DeliveryLog log, WebhookFaults faults) {
        this.setup = setup;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.clock = clock;
        this.executor = executor;
        this.scheduler = scheduler;
        this.log = log;
        this.faults = faults;
        this.registrations = setup.registrations();
    }

    private synchronized HttpClient http() {
        if (http == null) {
            HttpClient.Builder client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(setup.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER)
                    .executor(executor);
            if (setup.sslContext() != null) {
                client.sslContext(setup.sslContext());
            }
            http = client.build();
        }
        return http;
    }

    WebhookRegistrations registrations() {
        return registrations;
    }

    /** Takes effect for the next attempt; queued notifications go to the new endpoints. */
    void registrations(WebhookRegistrations r) {
        this.registrations = r;
        roundRobin.clear();
    }

    /** Drops every queued notification (the log starts a new generation, so answers still to come are ignored). */
    void reset() {
        lanes.clear();
        roundRobin.clear();
        registrations = setup.registrations();
    }

    /**
     * Queues the notification {@code payload} of {@code type}, or counts it as unregistered (then the payload is not
     * even built). Never blocks.
     */
    void submit(String type, String accountId, String conversationId, long sequence, Supplier<JsonNode> payload) {
        if (registrations.endpoints().get(type) == null) {
            log.unregistered(type);
            return;
        }
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(payload.get());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String signature = WebhookSignature.sign(clientSecret, body, setup.algorithm(), setup.encoding());
        Notification n = new Notification(ids.incrementAndGet(), log.queued(type), type, accountId, conversationId,
                sequence, body, signature);
        Notification[] next = new Notification[1];
        lanes.compute(conversationId, (id, lane) -> {
            Lane l = lane == null ? new Lane() : lane;
            l.queue.addLast(n);
            next[0] = take(l);
            return l;
        });
        start(next[0]);
    }

    /** The next notification of an idle lane (marked busy), or null. */
    private Notification take(Lane lane) {
        if (lane.busy || lane.queue.isEmpty()) {
            return null;
        }
        lane.busy = true;
        if (lane.queue.size() >= 2 && faults.reorder()) {
            Notification first = lane.queue.removeFirst();
            Notification second = lane.queue.removeFirst();
            lane.queue.addFirst(first);
            return second;
        }
        return lane.queue.removeFirst();
    }

    /** The lane's notification on its way is over (or left the lane): the next one may go. */
    private void release(Notification done) {
        if (!log.current(done.generation())) {
            return;
        }
        Notification[] next = new Notification[1];
        lanes.computeIfPresent(done.conversationId(), (id, lane) -> {
            lane.busy = false;
            next[0] = take(lane);
            return lane.busy ? lane : null;
        });
        start(next[0]);
    }

    private void start(Notification n) {
        if (n != null) {
            run(() -> attempt(n, 1, System.nanoTime(), true));
        }
    }

    private void run(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException closed) {
            LOG.debug("webhook dispatcher closed, attempt not made");
        }
    }

    private void attempt(Notification n, int number, long firstNanos, boolean inLane) {
        if (!log.current(n.generation())) {
            return;
        }
        WebhookEndpoint endpoint = registrations.endpoints().get(n.type());
        if (endpoint == null) {
            log.attempt(n.generation(), entry(n, number, "", 0, "unregistered", null));
            finish(n, false, inLane);
            return;
        }
        String url = nextUrl(n.type(), endpoint);
        WebhookFaults.Attempt fault = faults.attempt();
        if (fault == WebhookFaults.Attempt.REFUSE) {
            completed(n, number, firstNanos, inLane, url, fault, 0, new ConnectException("refused (injected)"));
            return;
        }
        http().sendAsync(request(n, endpoint, url, fault == WebhookFaults.Attempt.DROP),
                HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> completed(n, number,
                        firstNanos, inLane, url, fault, response == null ? 0 : response.statusCode(), error));
    }

    private void completed(Notification n, int number, long firstNanos, boolean inLane, String url,
            WebhookFaults.Attempt fault, int status, Throwable error) {
        if (!log.current(n.generation())) {
            return;
        }
        String failure = error != null ? failureOf(error, fault)
                : fault == WebhookFaults.Attempt.TIMEOUT ? "timeout" : null;
        String faultName = fault == WebhookFaults.Attempt.NONE ? null : fault.name().toLowerCase(Locale.ROOT);
        WebhookDelivery attempt = entry(n, number, url, status, failure, faultName);
        log.attempt(n.generation(), attempt);
        if (attempt.delivered()) {
            if (faults.duplicate()) {
                duplicate(n, number, inLane);
            } else {
                finish(n, true, inLane);
            }
            return;
        }
        WebhookRegistrations r = registrations;
        WebhookEndpoint endpoint = r.endpoints().get(n.type());
        boolean retry = r.ttlRetention()
                ? System.nanoTime() - firstNanos + r.retryInterval().toNanos() <= r.retentionTime().toNanos()
                : endpoint != null && number <= endpoint.maxRetries();
        if (!retry) {
            finish(n, false, inLane);
            return;
        }
        log.retried(n.generation());
        boolean retryInLane = inLane && r.ttlRetention();
        if (inLane && !retryInLane) {
            release(n); // best effort order: the later notifications of the conversation go on meanwhile
        }
        scheduler.accept(r.retryInterval(), () -> run(() -> attempt(n, number + 1, firstNanos, retryInLane)));
    }

    /** The extra copy of a delivered notification; its answer does not change the delivery. */
    private void duplicate(Notification n, int number, boolean inLane) {
        WebhookEndpoint endpoint = registrations.endpoints().get(n.type());
        if (endpoint == null) {
            finish(n, true, inLane);
            return;
        }
        String url = nextUrl(n.type(), endpoint);
        http().sendAsync(request(n, endpoint, url, false), HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, error) -> {
                    if (log.current(n.generation())) {
                        log.attempt(n.generation(), entry(n, number, url, response == null ? 0
                                : response.statusCode(), error == null ? null : failureOf(error, null), "duplicate"));
                        finish(n, true, inLane);
                    }
                });
    }

    private void finish(Notification n, boolean delivered, boolean inLane) {
        log.finished(n.generation(), n.type(), delivered);
        if (inLane) {
            release(n);
        }
    }

    private WebhookDelivery entry(Notification n, int number, String url, int status, String failure, String fault) {
        return new WebhookDelivery(n.id(), n.type(), n.conversationId(), n.sequence(), number, url, status, failure,
                fault, clock.instant());
    }

    private String nextUrl(String type, WebhookEndpoint endpoint) {
        long i = roundRobin.computeIfAbsent(type, t -> new AtomicLong()).getAndIncrement();
        return endpoint.urls().get((int) (i % endpoint.urls().size()));
    }

    private HttpRequest request(Notification n, WebhookEndpoint endpoint, String url, boolean drop) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(setup.readTimeout())
                .header("Content-Type", "application/json")
                .header(WebhookSignature.ACCOUNT_HEADER, n.accountId())
                .header(WebhookSignature.CLIENT_HEADER, clientId)
                .header(WebhookSignature.SIGNATURE_HEADER, n.signature());
        endpoint.headers().forEach(b::header);
        return b.POST(drop ? droppedHalfway(n.body()) : HttpRequest.BodyPublishers.ofByteArray(n.body())).build();
    }

    /** A body that fails after its first half: the client closes the connection with the request incomplete. */
    private static HttpRequest.BodyPublisher droppedHalfway(byte[] body) {
        Flow.Publisher<ByteBuffer> half = subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            private boolean sent;

            @Override
            public void request(long count) {
                if (!sent) {
                    sent = true;
                    subscriber.onNext(ByteBuffer.wrap(body, 0, body.length / 2));
                    subscriber.onError(new IOException("connection dropped (injected)"));
                }
            }

            @Override
            public void cancel() {
                sent = true;
            }
        });
        return HttpRequest.BodyPublishers.fromPublisher(half, body.length);
    }

    private static String failureOf(Throwable error, WebhookFaults.Attempt fault) {
        if (fault == WebhookFaults.Attempt.DROP) {
            return "dropped";
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException) {
                return "connect timeout";
            }
            if (t instanceof HttpTimeoutException) {
                return "timeout";
            }
            if (t instanceof ConnectException) {
                return "refused";
            }
        }
        return "io";
    }
}
