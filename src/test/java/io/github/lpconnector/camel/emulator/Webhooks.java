package io.github.lpconnector.camel.emulator;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * The emulator's webhook side at run time ({@link LiveEngageEmulator#webhooks()}): the registrations, the delivery
 * faults, the log of every delivery attempt, counters, and a wait for "everything delivered or given up".
 * <p>
 * Counters ({@link #counters()}): {@code queued} (notifications with a registration), {@code unregistered} (changes
 * whose type has none: not sent), {@code attempts} (duplicate copies included), {@code retries}, {@code delivered},
 * {@code given up}; per answer {@code answer <status>} and {@code failure <kind>} (timeout, connect timeout, refused,
 * dropped, io, unregistered); per type {@code <type> queued|delivered|given up|unregistered}; and
 * {@code fault <kind>} for the injected faults.
 */
public final class Webhooks {

    private final WebhookSetup setup;
    private final DeliveryLog log = new DeliveryLog();
    private final WebhookFaults faults = new WebhookFaults();
    private final ExecutorService executor;
    private final WebhookDispatcher dispatcher;
    private final BiConsumer<Duration, Runnable> scheduler;
    private volatile AutoAgent autoAgent;

    Webhooks(WebhookSetup setup, String clientId, String clientSecret, Clock clock,
            BiConsumer<Duration, Runnable> scheduler) {
        this.setup = setup;
        this.scheduler = scheduler;
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "le-emulator-webhook-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.dispatcher = new WebhookDispatcher(setup, clientId, clientSecret, clock, executor, scheduler, log,
                faults);
    }

    /** What the conversation store tells: notifications, and the auto-agent (when set up) acting as {@code agent}. */
    ConversationListener listener(EmulatedAgent agent) {
        ConversationListener notifications = new Notifications(dispatcher);
        if (setup.autoAgentDelay() == null) {
            return notifications;
        }
        autoAgent = new AutoAgent(agent, setup.autoAgentDelay(), setup.autoAgentAnswer(), scheduler, log);
        return ConversationListener.both(notifications, autoAgent);
    }

    public WebhookRegistrations registrations() {
        return dispatcher.registrations();
    }

    /** Replaces the registrations; queued notifications go to the new endpoints. */
    public Webhooks register(WebhookRegistrations registrations) {
        dispatcher.registrations(registrations);
        return this;
    }

    /** All five types to {@code urls} (round-robin when several), no retries; keeps the retry interval. */
    public Webhooks registerAll(String... urls) {
        return register(WebhookRegistrations.allTypes(urls).withRetryInterval(registrations().retryInterval()));
    }

    /** The registrations of a manifest JSON; keeps the retry interval. */
    public Webhooks registerManifest(String json) {
        return register(WebhookRegistrations.fromManifest(json).withRetryInterval(registrations().retryInterval()));
    }

    public WebhookFaults faults() {
        return faults;
    }

    /** Whether the auto-agent is on. */
    public boolean autoAgent() {
        return autoAgent != null;
    }

    /** The newest 10,000 delivery attempts, oldest first. */
    public List<WebhookDelivery> deliveries() {
        return log.list();
    }

    /** The attempts for one conversation, oldest first. */
    public List<WebhookDelivery> deliveries(String conversationId) {
        return log.list().stream().filter(d -> d.conversationId().equals(conversationId)).toList();
    }

    /** All counters, sorted by key (see the class comment). */
    public Map<String, Long> counters() {
        Map<String, Long> all = new TreeMap<>(log.counters());
        faults.injected().forEach((kind, n) -> all.put("fault " + kind, n));
        return all;
    }

    /** One counter, 0 when absent. */
    public long count(String key) {
        Long n = counters().get(key);
        return n == null ? 0 : n;
    }

    /** Notifications not yet delivered or given up, plus auto-agent answers not yet given. */
    public long pending() {
        return log.pending();
    }

    /**
     * Waits until every notification was delivered or given up and the auto-agent has nothing left to do.
     *
     * @return false if work was still pending after {@code timeout}
     */
    public boolean awaitIdle(Duration timeout) {
        try {
            return log.awaitIdle(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Forgets the log and the counters (not the injected-fault counts); deliveries in progress go on. */
    public void clearLog() {
        log.clear();
    }

    /** Drops what is queued or on its way, forgets log and counters, clears faults, restores the builder's setup. */
    void reset() {
        log.reset();
        dispatcher.reset();
        faults.clear().resetCounters();
        AutoAgent a = autoAgent;
        if (a != null) {
            a.reset();
        }
    }

    void close() {
        log.reset();
        executor.shutdownNow();
    }
}
