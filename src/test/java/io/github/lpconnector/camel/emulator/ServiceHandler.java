package io.github.lpconnector.camel.emulator;

import java.util.List;
import java.util.Map;

/**
 * One emulated service: which requests it answers, and how. A new service is one more subclass, listed where
 * {@link LiveEngageEmulator} builds its {@link Routes}.
 * <p>
 * Before {@link #handle} is called the emulator has routed the request here, checked its method and applied fault
 * injection; afterwards it counts and records the answer and writes it, at once or after the latency. {@code handle}
 * runs on an I/O thread of the server, so it must not block.
 */
abstract class ServiceHandler {

    private final String name;
    private final String method;
    private final List<String> paths;

    /**
     * @param name   what counters, fault injection and the request log call the service, e.g. "create"
     * @param method the HTTP method the service takes; a request with another one gets 405
     * @param paths  the paths the service answers; a {@code {name}} part matches one non-empty path segment (not
     *               decoded), handed to {@link #handle} as a path parameter
     */
    ServiceHandler(String name, String method, String... paths) {
        this.name = name;
        this.method = method;
        this.paths = List.of(paths);
    }

    final String name() {
        return name;
    }

    final String method() {
        return method;
    }

    final List<String> paths() {
        return paths;
    }

    abstract Reply handle(Request request, Map<String, String> pathParams);
}
