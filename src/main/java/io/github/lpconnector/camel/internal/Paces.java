package io.github.lpconnector.camel.internal;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;

/**
 * The paces of one component, so of one Camel context: one per LivePerson account and messaging host, and one per
 * account and Domain API host for the login calls (Domain API, Sentinel, IDP). Every endpoint of the component that
 * calls the same account gets the same pace. The turns of all of them are handed out by one thread of a scheduler
 * obtained from the context's {@code ExecutorServiceManager}, created with the first pace; {@link #close()} fails
 * what still waits and shuts the scheduler down, so nothing outlives the component.
 */
public final class Paces implements AutoCloseable {

    private record Key(Pace.Kind kind, String accountId, String host) {
    }

    private final CamelContext context;
    private final Map<Key, Pace> paces = new ConcurrentHashMap<>();
    private ScheduledExecutorService scheduler;
    private boolean closed;

    public Paces(CamelContext context) {
        this.context = context;
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
        if (closed) { // the component stopped: a pace whose requests fail at once
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
            ThreadPoolProfile profile = new ThreadPoolProfile("LivePersonConnectorPace");
            profile.setPoolSize(1);
            profile.setMaxPoolSize(1);
            profile.setMaxQueueSize(-1);
            profile.setRejectedPolicy(ThreadPoolRejectedPolicy.Abort);
            scheduler = context.getExecutorServiceManager().newScheduledThreadPool(this, "LivePersonConnectorPace",
                    profile);
        }
        return scheduler;
    }

    /** The paces of {@code accountId}, messaging first. */
    List<Pace> of(String accountId) {
        return paces.entrySet().stream().filter(e -> e.getKey().accountId().equals(accountId))
                .sorted((a, b) -> a.getKey().kind().compareTo(b.getKey().kind())).map(Map.Entry::getValue).toList();
    }

    @Override
    public void close() {
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
