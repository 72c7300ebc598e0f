package io.github.lpconnector.camel.emulator;

import java.time.Duration;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to each request, on the I/O thread that read it: routing (404), method (405), fault injection, the
 * service's {@link ServiceHandler}, then counting and recording the answer and having the {@link Exchange} write it
 * (at once, after the latency or a stall, never, or not at all when the connection is dropped).
 */
final class Dispatcher implements Consumer<Exchange> {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    /** The service name of requests no route matched. */
    static final String UNKNOWN = "unknown";

    private final Routes routes;
    private final FaultInjection faults;
    private final Counters counters;
    private final RequestLog log;

    Dispatcher(Routes routes, FaultInjection faults, Counters counters, RequestLog log) {
        this.routes = routes;
        this.faults = faults;
        this.counters = counters;
        this.log = log;
    }

    @Override
    public void accept(Exchange exchange) {
        Request request = exchange.request();
        String service = UNKNOWN;
        try {
            Routes.Match match = routes.find(request.path(), request.method());
            if (match == null) {
                answer(exchange, service, Reply.error(404, ErrorCodes.NOT_FOUND, "Not found",
                        "no such resource: " + request.path(), null), Duration.ZERO);
                return;
            }
            ServiceHandler handler = match.handler();
            service = handler.name();
            if (!handler.method().equals(request.method())) {
                answer(exchange, service, Reply.error(405, ErrorCodes.METHOD_NOT_ALLOWED, "Method not allowed",
                        "use " + handler.method(), null), Duration.ZERO);
                return;
            }
            if (!faults.appliesTo(service)) {
                answer(exchange, service, handler.handle(request, match.params()), Duration.ZERO);
                return;
            }
            FaultInjection.Decision decision = faults.decide();
            Duration latency = faults.latency();
            switch (decision.kind()) {
                case DROP -> {
                    note(request, service, 0);
                    exchange.drop();
                }
                case STATUS -> answer(exchange, service, injected(decision.status()), latency);
                case STALL -> {
                    Reply reply = handler.handle(request, match.params()); // processed: it takes effect
                    if (decision.stall() == null) {
                        note(request, service, reply.status());
                        exchange.never();
                    } else {
                        answer(exchange, service, reply, latency.plus(decision.stall()));
                    }
                }
                default -> answer(exchange, service, handler.handle(request, match.params()), latency);
            }
        } catch (RuntimeException e) {
            LOG.warn("emulator failed on {} {}", request.method(), request.path(), e);
            answer(exchange, service, Reply.error(500, 50001, "Internal error", String.valueOf(e), null),
                    Duration.ZERO);
        }
    }

    /** The answer of an injected status: the usual error body, errorCode status*100+1; 429 with Retry-After 1. */
    private static Reply injected(int status) {
        Reply reply = Reply.error(status, status * 100 + 1, "Injected fault", "the emulator injected HTTP " + status,
                null);
        return status == 429 ? reply.withHeader("Retry-After", "1") : reply;
    }

    private void answer(Exchange exchange, String service, Reply reply, Duration delay) {
        note(exchange.request(), service, reply.status());
        exchange.answer(reply, delay);
    }

    /** Counted and recorded when decided, so before the client can see the answer. */
    private void note(Request request, String service, int status) {
        counters.increment(service, status);
        log.add(request, service, status);
    }
}
