package io.github.lpconnector.camel.emulator;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator standalone until Ctrl-C: {@code --port N --client-id X --client-secret Y --rate N
 * --latency-ms N --app-jwt-ttl-seconds N [--bind ADDRESS] [--threads N]}. Prints on stdout the base URI, what it
 * accepts (any account id; the client credentials) and how to get tokens by hand ({@link TokenAdminHandler}).
 * Inspection: {@code GET /emulator/conversations}, {@code GET /emulator/counters}. {@code --threads} is the number of
 * I/O reactor threads (see {@link LiveEngageEmulator.Builder#threads(int)}).
 */
public final class LiveEngageEmulatorMain {

    private LiveEngageEmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LiveEngageEmulator emulator = startFromArgs(args);
        System.out.print(banner(emulator));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "le-emulator-shutdown"));
        stopped.await();
    }

    /** Parses the command line and starts the emulator (what {@link #main} does before waiting). */
    public static LiveEngageEmulator startFromArgs(String... args) {
        return builderFromArgs(args).start();
    }

    static LiveEngageEmulator.Builder builderFromArgs(String... args) {
        LiveEngageEmulator.Builder b = LiveEngageEmulator.builder();
        String clientId = null;
        String clientSecret = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ("--help".equals(arg) || "-h".equals(arg)) {
                throw new IllegalArgumentException(usage());
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + arg + "\n" + usage());
            }
            String value = args[++i];
            switch (arg) {
                case "--port" -> b.port(Integer.parseInt(value));
                case "--client-id" -> clientId = value;
                case "--client-secret" -> clientSecret = value;
                case "--rate" -> b.ratePerSecond(Integer.parseInt(value));
                case "--latency-ms" -> b.latency(Duration.ofMillis(Long.parseLong(value)));
                case "--bind" -> b.bindAddress(value);
                case "--threads" -> b.threads(Integer.parseInt(value));
                case "--app-jwt-ttl-seconds" -> b.appJwtTtl(Duration.ofSeconds(Long.parseLong(value)));
                default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + usage());
            }
        }
        if (clientId != null || clientSecret != null) {
            b.clientCredentials(clientId != null ? clientId : "emulator-client",
                    clientSecret != null ? clientSecret : "emulator-secret");
        }
        return b;
    }

    /** What {@link #main} prints at start: the base URI first (scripts read its first line), then what it accepts. */
    static String banner(LiveEngageEmulator emulator) {
        String base = emulator.baseUri();
        return base + "\n"
               + "accounts: any account id (a token is valid only for the account it was issued for)\n"
               + "client_id=" + emulator.clientId() + " client_secret=" + emulator.clientSecret()
               + " (Sentinel; AppJWTs live " + emulator.appJwtTtl().toSeconds() + " s)\n"
               + "AppJWT by hand:      GET " + base + "/emulator/tokens/app-jwt?account=<account>\n"
               + "ConsumerJWS by hand: GET " + base + "/emulator/tokens/consumer-jws?account=<account>"
               + "&ext_consumer_id=<consumer>\n"
               + "component options: baseUri=" + base + " (with clientId/clientSecret, or the tokens above)\n";
    }

    static String usage() {
        return "usage: LiveEngageEmulatorMain [--port N] [--client-id X] [--client-secret Y] [--rate N]"
                + " [--latency-ms N] [--app-jwt-ttl-seconds N] [--bind ADDRESS] [--threads N]";
    }
}
