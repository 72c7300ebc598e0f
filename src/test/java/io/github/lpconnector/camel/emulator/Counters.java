package io.github.lpconnector.camel.emulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** How many requests each service answered with each status, keyed {@code "<service> <status>"}, e.g. "create 200". */
final class Counters {

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    void increment(String service, int status) {
        counts.computeIfAbsent(service + " " + status, key -> new AtomicLong()).incrementAndGet();
    }

    long count(String service, int status) {
        AtomicLong n = counts.get(service + " " + status);
        return n == null ? 0 : n.get();
    }

    long count(String service) {
        String prefix = service + " ";
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(e -> e.getValue().get()).sum();
    }

    /** All counts, sorted by key. */
    Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((key, n) -> out.put(key, n.get()));
        return out;
    }

    void clear() {
        counts.clear();
    }
}
