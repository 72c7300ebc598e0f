package io.github.lpconnector.camel.emulator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.config.CharCodingConfig;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.nio.ServerHttp1IOEventHandler;
import org.apache.hc.core5.http.impl.nio.ServerHttp1StreamDuplexerFactory;
import org.apache.hc.core5.http.nio.command.ShutdownCommand;
import org.apache.hc.core5.http.protocol.DefaultHttpProcessor;
import org.apache.hc.core5.http.protocol.HttpProcessor;
import org.apache.hc.core5.http.protocol.ResponseConnControl;
import org.apache.hc.core5.http.protocol.ResponseContent;
import org.apache.hc.core5.http.protocol.ResponseDate;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.DefaultListeningIOReactor;
import org.apache.hc.core5.reactor.IOEventHandler;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.reactor.ProtocolIOSession;
import org.apache.hc.core5.util.TimeValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The emulator's HTTP/1.1 server: HttpCore 5's non-blocking server, assembled from the parts
 * {@code AsyncServerBootstrap} would use, so that every thread it runs is named {@code le-emulator-*}.
 * <p>
 * A listener thread accepts connections and hands each to one of the I/O reactor threads, which reads its requests,
 * hands each complete request to the handler and writes the answers, with no hand-off to another thread: thousands of
 * connections are served by a couple of threads. An answer due later holds no thread: the scheduler submits it when it
 * is due. Answers still to come (delayed, or stalled for good) are tracked, so that {@link #dropWaiting()} and
 * {@link #close()} close their connections. Connections are kept alive until the client closes them.
 */
final class EmulatorServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmulatorServer.class);

    /**
     * Pending connections the listening socket queues (the kernel caps it at net.core.somaxconn): load tests open
     * thousands of connections at once.
     */
    private static final int BACKLOG = 16_384;

    /** What every answer gets: Date, Content-Length (or chunking) and Connection headers. */
    private static final HttpProcessor RESPONSE_HEADERS = new DefaultHttpProcessor(new ResponseDate(),
            new ResponseContent(), new ResponseConnControl());

    private final Consumer<Exchange> handler;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1,
            namedDaemonThreads("le-emulator-delay"));
    private final Set<Exchange> waiting = ConcurrentHashMap.newKeySet();
    private final DefaultListeningIOReactor reactor;
    private final int port;

    /**
     * Starts listening on {@code address} (port 0: a free one).
     *
     * @param handler called on an I/O thread with each complete request; must not block, and answers through the
     *                {@link Exchange}
     */
    EmulatorServer(InetSocketAddress address, int ioThreads, Consumer<Exchange> handler) throws IOException {
        this.handler = handler;
        IOReactorConfig config = IOReactorConfig.custom().setIoThreadCount(ioThreads).setBacklogSize(BACKLOG)
                .setSoReuseAddress(true).setTcpNoDelay(true).build();
        this.reactor = new DefaultListeningIOReactor(this::newConnection, config,
                namedDaemonThreads("le-emulator-io"), namedDaemonThreads("le-emulator-listener"), null,
                e -> LOG.warn("emulator I/O reactor failed", e), null, ShutdownCommand.GRACEFUL_NORMAL_CALLBACK);
        try {
            reactor.start();
            this.port = ((InetSocketAddress) reactor.listen(address).get(30, TimeUnit.SECONDS).getAddress())
                    .getPort();
        } catch (ExecutionException | TimeoutException | InterruptedException | RuntimeException e) {
            reactor.close(CloseMode.IMMEDIATE);
            scheduler.shutdownNow();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw cause instanceof IOException io ? io : new IOException("cannot listen on " + address, cause);
        }
    }

    /** Each connection gets its own exchange factory, so that an exchange can close its connection. */
    private IOEventHandler newConnection(ProtocolIOSession connection, Object attachment) {
        ServerHttp1StreamDuplexerFactory streams = new ServerHttp1StreamDuplexerFactory(RESPONSE_HEADERS,
                (request, context) -> new Exchange(this, connection, handler), Http1Config.DEFAULT,
                CharCodingConfig.DEFAULT, null, e -> LOG.debug("exchange failed: {}", e.toString()));
        return new ServerHttp1IOEventHandler(streams.create(URIScheme.HTTP.id, connection));
    }

    int port() {
        return port;
    }

    /** Runs {@code task} every {@code period} on the scheduler until the server is closed. */
    void every(Duration period, Runnable task) {
        scheduler.scheduleAtFixedRate(task, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Runs {@code task} once after {@code delay} on the scheduler; nothing happens once the server is closed. */
    void schedule(Duration delay, Runnable task) {
        try {
            scheduler.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("emulator closed: scheduled task dropped");
        }
    }

    /** Has the scheduler run {@code answer} after {@code delay}, unless the exchange is dropped before. */
    void later(Exchange exchange, Duration delay, Runnable answer) {
        waiting.add(exchange);
        try {
            scheduler.schedule(() -> {
                if (waiting.remove(exchange)) {
                    answer.run();
                }
            }, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) { // closed
            if (waiting.remove(exchange)) {
                exchange.drop();
            }
        }
    }

    /** Keeps {@code exchange} unanswered until {@link #dropWaiting()} or {@link #close()}. */
    void never(Exchange exchange) {
        waiting.add(exchange);
    }

    /** The exchange is over (answered, or its connection closed): nothing to drop any more. */
    void released(Exchange exchange) {
        waiting.remove(exchange);
    }

    /** Closes, without an answer, the connections whose answer is delayed or stalled. */
    void dropWaiting() {
        for (Exchange exchange : waiting) {
            if (waiting.remove(exchange)) {
                exchange.drop();
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow(); // delayed answers will not come: their connections are closed below
        dropWaiting();
        // Stop listening and close the connections once idle (at once: no answer is outstanding any more); whatever
        // is left after the grace period is closed hard.
        reactor.initiateShutdown();
        try {
            reactor.awaitShutdown(TimeValue.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reactor.close(CloseMode.IMMEDIATE);
    }

    private static ThreadFactory namedDaemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
