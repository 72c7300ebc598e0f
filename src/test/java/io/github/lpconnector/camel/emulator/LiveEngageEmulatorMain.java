package io.github.lpconnector.camel.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator standalone until Ctrl-C:
 * {@code --port N --client-id X --client-secret Y --rate N --latency-ms N --app-jwt-ttl-seconds N [--bind ADDRESS]
 * [--threads N]}, and the
 * LiveEngage side:
 * <ul>
 * <li>{@code --webhooks FILE}: the App Installation manifest (JSON) with the webhook registrations;</li>
 * <li>{@code --webhook URL} (repeatable: round-robin): every notification type the manifest does not register goes
 * there, with {@code --webhook-max-retries N} (0..5, default 0);</li>
 * <li>{@code --webhook-retention-seconds N}: time-to-live retries instead of max_retries;
 * {@code --webhook-retry-interval-ms N} (default 30000);</li>
 * <li>{@code --webhook-connect-timeout-ms N}, {@code --webhook-read-timeout-ms N} (default 5000 each);</li>
 * <li>{@code --webhook-signature sha1|sha256}, {@code --webhook-encoding base64|hex} (default sha1, base64);</li>
 * <li>{@code --auto-agent-delay-ms N}: the auto-agent accepts and answers each conversation after N ms.</li>
 * </ul>
 * Prints on stdout the base URI, what it accepts (any account id; the client credentials), how to get tokens by
 * hand ({@link TokenAdminHandler}) and the webhook registrations. Inspection: {@code GET /emulator/conversations}, {@code /emulator/counters},
 * {@code /emulator/webhooks}, {@code /emulator/deliveries}. {@code --threads} is the number of I/O reactor threads
 * (see {@link LiveEngageEmulator.Builder#threads(int)}).
 */
public final class LiveEngageEmulatorMain {

    private LiveEngageEmulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LiveEngageEmulator emulator = startFromArgs(args);
        System.out.print(banner(emulator));
        System.out.println("webhooks=" + emulator.webhooks().registrations().toManifest());
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
        WebhookArgs webhooks = new WebhookArgs();
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
                default -> {
                    if (!webhooks.accept(arg, value)) {
                        throw new IllegalArgumentException("unknown option " + arg + "\n" + usage());
                    }
                }
            }
        }
        if (clientId != null || clientSecret != null) {
            b.clientCredentials(clientId != null ? clientId : "emulator-client",
                    clientSecret != null ? clientSecret : "emulator-secret");
        }
        return b.webhooks(webhooks::applyTo);
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
                + " [--latency-ms N] [--app-jwt-ttl-seconds N] [--bind ADDRESS] [--threads N] [--webhooks MANIFEST.json]"
                + " [--webhook URL]..."
                + " [--webhook-max-retries 0..5] [--webhook-retention-seconds N] [--webhook-retry-interval-ms N]"
                + " [--webhook-connect-timeout-ms N] [--webhook-read-timeout-ms N] [--webhook-signature sha1|sha256]"
                + " [--webhook-encoding base64|hex] [--auto-agent-delay-ms N]";
    }

    /** The webhook options, gathered first and applied together. */
    private static final class WebhookArgs {
        private String manifest;
        private final List<String> urls = new ArrayList<>();
        private int maxRetries;
        private Duration retention;
        private Duration interval;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(5);
        private String algorithm = "sha1";
        private String encoding = "base64";
        private Duration autoAgentDelay;

        boolean accept(String arg, String value) {
            switch (arg) {
                case "--webhooks" -> manifest = read(value);
                case "--webhook" -> urls.add(value);
                case "--webhook-max-retries" -> maxRetries = Integer.parseInt(value);
                case "--webhook-retention-seconds" -> retention = Duration.ofSeconds(Long.parseLong(value));
                case "--webhook-retry-interval-ms" -> interval = Duration.ofMillis(Long.parseLong(value));
                case "--webhook-connect-timeout-ms" -> connectTimeout = Duration.ofMillis(Long.parseLong(value));
                case "--webhook-read-timeout-ms" -> readTimeout = Duration.ofMillis(Long.parseLong(value));
                case "--webhook-signature" -> algorithm = value;
                case "--webhook-encoding" -> encoding = value;
                case "--auto-agent-delay-ms" -> autoAgentDelay = Duration.ofMillis(Long.parseLong(value));
                default -> {
                    return false;
                }
            }
            return true;
        }

        void applyTo(WebhookSetup setup) {
            WebhookRegistrations r = manifest == null ? WebhookRegistrations.none()
                    : WebhookRegistrations.fromManifest(manifest);
            if (!urls.isEmpty()) {
                WebhookEndpoint endpoint = new WebhookEndpoint(urls, null, maxRetries);
                for (String type : WebhookRegistrations.TYPES) {
                    if (r.endpoint(type).isEmpty()) {
                        r = r.with(type, endpoint);
                    }
                }
            }
            if (retention != null) {
                r = r.withRetentionTime(retention);
            }
            if (interval != null) {
                r = r.withRetryInterval(interval);
            }
            setup.register(r).timeouts(connectTimeout, readTimeout)
                    .signature(WebhookSignature.Algorithm.of(algorithm), WebhookSignature.Encoding.of(encoding));
            if (autoAgentDelay != null) {
                setup.autoAgent(autoAgentDelay);
            }
        }

        private static String read(String file) {
            try {
                return Files.readString(Path.of(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the manifest " + file, e);
            }
        }
    }
}
