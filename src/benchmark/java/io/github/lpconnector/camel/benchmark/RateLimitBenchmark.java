package io.github.lpconnector.camel.benchmark;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.lpconnector.camel.emulator.LiveEngageEmulator;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The rate-limit scenario: the emulator limits the account to {@link Config#limit()} requests a second (a token
 * bucket as large as one second's worth, 429 with {@code Retry-After} beyond it), and each contender gets a burst of
 * {@link Config#burst()} CREATEs at once, then a steady offer of {@link Config#offerPerSecond()} for
 * {@link Config#offerSeconds()} s. The contenders: the component with its rate governor (default options), the same
 * component with {@code rateGovernor=false}, and the hand-written camel-http route with Camel's redelivery. Figures,
 * not assertions: {@link RateLimitReport} prints the targets as MET or NOT MET. Run it with
 * {@code mvn -Pbenchmark -q test-compile exec:exec@rate-limit}.
 */
public final class RateLimitBenchmark {

    static final String GOVERNOR = "governor";
    static final String NO_GOVERNOR = "no-governor";
    static final String HAND = "hand-route+redelivery";
    static final String BURST = "burst";
    static final String STEADY = "steady";
    /** The component's timer of the waits for the account's turn. */
    static final String PACE_WAIT = "liveperson.connector.pace.wait";
    /** The component's default pool, which the hand route's threads match. */
    static final int CONNECTIONS = 256;
    /** How long the exchanges still open after a scenario's offer may take to come back. */
    static final Duration DRAIN = Duration.ofMinutes(5);

    /**
     * The knobs.
     *
     * @param limit          the emulator's requests per second per account
     * @param burst          CREATEs handed over at once
     * @param offerPerSecond CREATEs handed over per second in the steady scenario
     * @param offerSeconds   how long the steady offer lasts
     * @param publish        a folder the Markdown table is also copied to, or null
     */
    public record Config(int limit, int burst, double offerPerSecond, double offerSeconds, List<String> contenders,
                         Path out, Path publish) {

        public static Config fromSystemProperties() {
            String publish = prop("bench.publish", "");
            return new Config(Integer.parseInt(prop("bench.limit", "100")), Integer.parseInt(prop("bench.burst", "1000")),
                    Double.parseDouble(prop("bench.offer", "150")), Double.parseDouble(prop("bench.offerSeconds", "30")),
                    Arrays.asList(prop("bench.rateContenders", GOVERNOR + "," + NO_GOVERNOR + "," + HAND)
                            .split("\\s*,\\s*")),
                    Path.of(prop("bench.out", "target/benchmark")), publish.isEmpty() ? null : Path.of(publish));
        }

        private static String prop(String name, String def) {
            String v = System.getProperty(name);
            return v == null || v.isBlank() ? def : v.trim();
        }
    }

    /**
     * One contender's run of one scenario.
     *
     * @param opened    exchanges that came back with a conversation id
     * @param requests  CREATE requests the emulator answered, retries included
     * @param tooMany   of them answered 429
     * @param seconds   from the first hand-over to the last exchange back
     * @param goodput   conversations opened per second while the offer lasted (the burst: over {@code seconds})
     * @param p99WaitMs the 99th percentile of the waits for the account's turn (the governor only; NaN otherwise)
     * @param threads   the most live client-side threads the contender added while it ran
     */
    record Run(String contender, String scenario, long offered, long opened, long failed, long requests, long tooMany,
               double seconds, double goodput, double p99WaitMs, double p99LatencyMs, int threads) {

        double tooManyShare() {
            return requests == 0 ? 0 : (double) tooMany / requests;
        }
    }

    private final Config config;

    public RateLimitBenchmark(Config config) {
        this.config = config;
    }

    public static void main(String[] args) throws Exception {
        Config config = Config.fromSystemProperties();
        publish(config, new RateLimitBenchmark(config).run(), System.out);
        System.exit(0);
    }

    static RateLimitReport publish(Config config, List<Run> runs, PrintStream out) throws Exception {
        RateLimitReport report = new RateLimitReport(config, runs);
        out.println();
        out.println(report.console());
        out.println(report.targets());
        Path written = report.write(config.out(), config.publish());
        out.println("Written: " + written + (config.publish() != null ? " (and copied to " + config.publish() + ")" : ""));
        return report;
    }

    /** Each contender's burst, then its steady offer, against one emulator reset before each. */
    public List<Run> run() throws Exception {
        List<Run> runs = new ArrayList<>();
        try (LiveEngageEmulator emulator = LiveEngageEmulator.builder().ratePerSecond(config.limit())
                .multipleOpenConversations(true).recordRequests(false)
                .forgetConversationsEvery(Emulator.FORGET_CONVERSATIONS_EVERY).start()) {
            Workload workload = new Workload(emulator);
            for (String name : config.contenders()) {
                runs.add(scenario(emulator, workload, name, BURST));
                runs.add(scenario(emulator, workload, name, STEADY));
            }
        }
        return runs;
    }

    private Run scenario(LiveEngageEmulator emulator, Workload workload, String name, String scenario)
            throws Exception {
        emulator.reset(); // counters, and the account's bucket full again
        System.gc();
        SimpleMeterRegistry meters = meters();
        Set<Long> baseline = io.github.lpconnector.camel.benchmark.Meter.clientThreadIds();
        boolean burst = scenario.equals(BURST);
        long offered = burst ? config.burst() : Math.round(config.offerPerSecond() * config.offerSeconds());
        System.out.printf("%-22s %-6s %,6d CREATEs: ", name, scenario, offered);
        System.out.flush();
        try (Contender contender = contender(name, meters)) {
            contender.start(workload, (int) offered, CONNECTIONS);
            RateLimitOffer offer = new RateLimitOffer(contender, offered, baseline);
            if (burst) {
                offer.handOverAll();
            } else {
                offer.handOverAt(config.offerPerSecond());
            }
            offer.awaitAll(DRAIN);
            double seconds = offer.seconds();
            double goodput = burst ? offer.opened() / seconds : offer.openedWithin(config.offerSeconds()) / config.offerSeconds();
            Run run = new Run(name, scenario, offered, offer.opened(), offer.failed(), emulator.count("create"),
                    emulator.count("create", 429), seconds, goodput, p99Wait(meters, name),
                    offer.p99LatencyMs(), offer.mostThreads());
            System.out.printf("%,d opened, %,d failed, %.1f %% of %,d requests 429, %.1f s, %.1f/s%n", run.opened(),
                    run.failed(), 100 * run.tooManyShare(), run.requests(), run.seconds(), run.goodput());
            return run;
        }
    }

    /** A registry keeping the 99th percentile of the pace's waits over the whole run. */
    private static SimpleMeterRegistry meters() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        meters.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return id.getName().equals(PACE_WAIT) ? DistributionStatisticConfig.builder().percentiles(0.99)
                        .expiry(Duration.ofHours(1)).bufferLength(1).build().merge(config) : config;
            }
        });
        return meters;
    }

    private static double p99Wait(SimpleMeterRegistry meters, String name) {
        if (!name.equals(GOVERNOR)) {
            return Double.NaN;
        }
        Timer waits = meters.find(PACE_WAIT).tag("pace", "messaging").timer();
        if (waits == null || waits.takeSnapshot().percentileValues().length == 0) {
            return Double.NaN;
        }
        return waits.takeSnapshot().percentileValues()[0].value(TimeUnit.MILLISECONDS);
    }

    static Contender contender(String name, SimpleMeterRegistry meters) {
        return switch (name) {
            case GOVERNOR -> new ComponentContender(GOVERNOR, "", meters);
            case NO_GOVERNOR -> new ComponentContender(NO_GOVERNOR, "&rateGovernor=false", null);
            case HAND -> new HandRouteContender(HAND, true);
            default -> throw new IllegalArgumentException("unknown contender " + name + "; expected " + GOVERNOR
                                                          + ", " + NO_GOVERNOR + " or " + HAND);
        };
    }
}
