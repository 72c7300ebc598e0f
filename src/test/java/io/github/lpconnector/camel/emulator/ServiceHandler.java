package io.github.lpconnector.camel.emulator;

import java.util.List;
import java.util.Map;

/**
 * One emulated service: which requests it answers, and how. A new service is one more implementation, listed where
 * {@link LiveEngageEmulator} builds its {@link Routes}.
 * <p>
 * Before {@link #handle} is called the emulator has routed the request here, checked its method and applied fault
 * injection; afterwards it counts and records the answer and writes it, at once or after the latency. {@code handle}
 * runs on an I/O thread of the server, so it must not block.
 */
interface ServiceHandler {

    /** The name counters, fault injection and the request log know the service by, e.g. "create". */
    String name();

    /** The HTTP method the service takes; a request with another one gets 405. */
    String method();

    /**
     * The paths the service answers. A {@code {name}} part matches one non-empty path segment (not decoded) and is
     * handed to {@link #handle} as a path parameter.
     */
    List<String> paths();

    Reply handle(Request request, Map<String, String> pathParams);
}
