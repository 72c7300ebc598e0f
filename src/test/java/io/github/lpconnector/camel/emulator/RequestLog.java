package io.github.lpconnector.camel.emulator;

import java.util.ArrayDeque;
import java.util.List;

/** The newest {@value #CAPACITY} requests the emulator received, oldest first; or none when switched off. */
final class RequestLog {

    static final int CAPACITY = 10_000;

    private final boolean enabled;
    private final ArrayDeque<RecordedRequest> newest = new ArrayDeque<>();

    RequestLog(boolean enabled) {
        this.enabled = enabled;
    }

    void add(Request request, String service, int status) {
        if (!enabled) {
            return;
        }
        RecordedRequest recorded = new RecordedRequest(request.method(), request.path(), request.query(),
                request.headers(), request.body(), service, status, request.receivedAtNanos());
        synchronized (newest) {
            if (newest.size() == CAPACITY) {
                newest.removeFirst();
            }
            newest.addLast(recorded);
        }
    }

    List<RecordedRequest> list() {
        synchronized (newest) {
            return List.copyOf(newest);
        }
    }

    void clear() {
        synchronized (newest) {
            newest.clear();
        }
    }
}
