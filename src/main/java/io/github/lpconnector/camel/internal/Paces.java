package io.github.lpconnector.camel.internal;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

/**
 * The paces of one Camel context: one per LivePerson account and messaging host, and one per account and Domain API
 * host for the login calls (Domain API, Sentinel, IDP). Every endpoint of the context that calls the same account
 * gets the same pace. The turns of all of them are handed out by one thread of a scheduler obtained from the
 * context's {@code ExecutorServiceManager}, created with the first pace. The paces are a service of the context:
 * when it stops, what still waits fails and the scheduler is shut down, so nothing outlives the context.
 */
final class Paces extends ServiceSupport {

    private record Key(Pace.Kind kind, String accountId, String host) {
    }

    private final CamelContext context;
    private final Map<Key, Pace> paces = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;
    private boolean closed;

    private Paces(CamelContext context) {
        this.context = context;
    }

    /** The paces of {@code context}, created (and added to its services) by the first endpoint that needs them. */
    static Paces of(CamelContext context) {
        synchronized (context) {
            Paces paces = context.getCamelContextExtension().getContextPlugin(Paces.class);
            if (paces == null) {
                paces = new Paces(context);
                context.getCamelContextExtension().addContextPlugin(Paces.class, paces);
                try {
                    context.addService(paces, true, true);
                } catch (Exception e) {
                    throw new IllegalStateException("cannot add the account paces to the Camel context", e);
                }
            }
            return paces;
        }
    }

    /** The pace of the messaging calls to {@code accountId} at {@code messaging}, capped at the endpoint's limit. */
    Pace messaging(String accountId, URI messaging, double maxRequestsPerSecond) {
        Pace pace = pace(new Key(Pace.Kind.MESSAGING, accountId, messaging.getAuthority()), maxRequestsPerSecond);
        pace.capAt(maxRequestsPerSecond);
        return pace;
    }

    /** The pace of the login calls of {@code accountId} whose Domain API is {@code domainApi}. */
    Pace login(String accountId, URI domainApi) {
        return pace(new Key(Pace.Kind.LOGIN, accountId, domainApi.getAuthority()), 0);
    }

    private Pace pace(Key key, double maxRequestsPerSecond) {
        Pace known = paces.get(key);
        return known != null ? known : create(key, maxRequestsPerSecond);
    }

    private synchronized Pace create(Key key, double maxRequestsPerSecond) {
        Pace known = paces.get(key);
        if (known != null) {
            return known;
        }
        if (closed) { // the context stopped: a pace whose requests fail at once
            Pace stopped = new Pace(key.kind(), key.accountId(), maxRequestsPerSecond, null, LivePersonMetrics.NONE);
            stopped.close();
            return stopped;
        }
        Pace pace = new Pace(key.kind(), key.accountId(), maxRequestsPerSecond, scheduler(),
                LivePersonMetrics.create(context, key.accountId()));
        paces.put(key, pace);
        return pace;
    }

    /**
     * One thread, and no bound on the tasks it holds: a Camel profile's default of 1,000 queued tasks would refuse a
     * wake-up, and it holds only one per pace.
     */
    private ScheduledExecutorService scheduler() {
        if (scheduler == null) {
            scheduler = context.getExecutorServiceManager().newScheduledThreadPool(this, "LivePersonConnectorPace",
                    new ThreadPoolProfileBuilder("LivePersonConnectorPace").poolSize(1).maxPoolSize(1)
                            .maxQueueSize(-1).rejectedPolicy(ThreadPoolRejectedPolicy.Abort).build());
        }
        return scheduler;
    }

    /** The paces of {@code accountId}, messaging first. */
    List<Pace> of(String accountId) {
        return paces.entrySet().stream().filter(e -> e.getKey().accountId().equals(accountId))
                .sorted((a, b) -> a.getKey().kind().compareTo(b.getKey().kind())).map(Map.Entry::getValue).toList();
    }

    @Override
    protected synchronized void doStart() {
        closed = false;
    }

    @Override
    protected void doStop() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            closed = true;
            stopping = scheduler;
            scheduler = null;
        }
        paces.values().forEach(Pace::close);
        paces.clear();
        if (stopping != null) {
            context.getExecutorServiceManager().shutdownNow(stopping);
        }
    }
}
