package io.github.lpconnector.camel.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import io.github.lpconnector.camel.LivePersonConnectorConfiguration;
import io.github.lpconnector.camel.LivePersonValidationException;
import io.github.lpconnector.camel.support.LivePersonTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generated bad bodies ({@link BadBodies}, seeded; {@code -Dlp.fuzz.seed=N} replays another run): every one ends
 * with a {@link LivePersonValidationException} naming the expected field (and the line and column, or byte offset,
 * for unreadable input), each within a bounded time, and none reaches the emulator.
 * <p>
 * Volume goes through the body-to-batch path directly ({@link RequestBodies} + {@link CreateBatchBuilder}); a
 * share goes through a real producer against the emulator, which must receive no request.
 */
class BadBodyFuzzTest extends LivePersonTestSupport {

    static final long SEED = Long.getLong("lp.fuzz.seed", 0x5EC0_2026L);
    static final int DIRECT_CASES = 10_000;
    static final int PRODUCER_CASES = 500;
    /** Generous: a case takes microseconds to a few milliseconds; this only catches a hang. */
    static final long CASE_TIMEOUT_SECONDS = 10;
    private static final Pattern POSITION = Pattern.compile("line \\d+, column \\d+|offset \\d+");

    private ExecutorService worker;

    @BeforeEach
    void startWorker() {
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-worker");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterEach
    void stopWorker() {
        worker.shutdownNow();
    }

    @Test
    void everyBadBodyIsRefusedNamingItsFieldAndNothingIsSent() throws Exception {
        LivePersonConnectorConfiguration configuration = new LivePersonConnectorConfiguration();
        configure(configuration);
        CreateBatchBuilder builder = new CreateBatchBuilder(configuration);
        BadBodies generator = new BadBodies(SEED);

        Map<String, Integer> byCategory = new TreeMap<>();
        Map<String, Integer> byField = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < DIRECT_CASES; i++) {
            BadBodies.Case bad = generator.next();
            String exchangeId = "fuzz-" + i;
            Future<Throwable> outcome = worker.submit(() -> {
                try {
                    builder.build(RequestBodies.read(bad.body()), exchangeId);
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            Throwable thrown;
            try {
                thrown = outcome.get(CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                outcome.cancel(true);
                failures.add("case " + i + " (" + bad.category() + ") did not end within " + CASE_TIMEOUT_SECONDS + " s");
                continue;
            }
            String problem = check(bad, thrown);
            if (problem != null) {
                failures.add("case " + i + " (" + bad.category() + "): " + problem);
            } else {
                byCategory.merge(bad.category(), 1, Integer::sum);
                byField.merge(((LivePersonValidationException) thrown).getField(), 1, Integer::sum);
            }
        }
        System.out.printf("bad-body fuzz (seed %d): %d cases tried through RequestBodies + CreateBatchBuilder;"
                          + " %d LivePersonValidationException with the expected field, %d other outcomes%n",
                SEED, DIRECT_CASES, DIRECT_CASES - failures.size(), failures.size());
        System.out.println("  by category: " + byCategory);
        System.out.println("  by field: " + byField);

        assertThat(failures).as("cases that did not end with the expected validation error").isEmpty();
        assertThat(byCategory.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(DIRECT_CASES);
        assertThat(requests()).isEmpty();
    }

    @Test
    void badBodiesThroughTheProducerSendNothing() throws Exception {
        BadBodies generator = new BadBodies(SEED + 1);
        Map<String, Integer> byCategory = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < PRODUCER_CASES; i++) {
            BadBodies.Case bad = generator.next();
            Future<Exchange> sent = template.asyncSend(CREATE + "?maxRetries=0&requestTimeout=2000",
                    exchange -> exchange.getMessage().setBody(bad.body()));
            Exchange exchange;
            try {
                exchange = sent.get(CASE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                failures.add("case " + i + " (" + bad.category() + ") did not end within " + CASE_TIMEOUT_SECONDS + " s");
                continue;
            }
            String problem = check(bad, exchange.getException());
            if (problem != null) {
                failures.add("case " + i + " (" + bad.category() + "): " + problem);
            } else {
                byCategory.merge(bad.category(), 1, Integer::sum);
            }
        }
        System.out.printf("bad-body fuzz through the producer (seed %d): %d cases tried; %d refused with the expected"
                          + " field, %d other outcomes; %d HTTP requests reached the server%n",
                SEED + 1, PRODUCER_CASES, PRODUCER_CASES - failures.size(), failures.size(), requests().size());
        System.out.println("  by category: " + byCategory);

        assertThat(failures).as("cases that did not end with the expected validation error").isEmpty();
        assertThat(requests()).as("HTTP requests for bad bodies").isEmpty();
    }

    /** Null when {@code thrown} is the expected validation error, else what is wrong with it. */
    private static String check(BadBodies.Case bad, Throwable thrown) {
        if (!(thrown instanceof LivePersonValidationException invalid)) {
            return "expected LivePersonValidationException at " + bad.field() + ", got "
                   + (thrown == null ? "no error" : thrown.toString()) + " for body " + describe(bad.body());
        }
        if (!bad.field().equals(invalid.getField())) {
            return "expected field '" + bad.field() + "', got '" + invalid.getField() + "': " + invalid.getMessage()
                   + " for body " + describe(bad.body());
        }
        if (!invalid.getMessage().contains(bad.field())) {
            return "the message does not name the field: " + invalid.getMessage();
        }
        if (bad.position() && !POSITION.matcher(invalid.getMessage()).find()) {
            return "the message gives no position: " + invalid.getMessage();
        }
        return null;
    }

    private static String describe(Object body) {
        String text = body instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                : String.valueOf(body);
        return (body == null ? "null" : body.getClass().getSimpleName()) + " "
               + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
    }
}
