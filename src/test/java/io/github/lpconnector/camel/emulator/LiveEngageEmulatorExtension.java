package io.github.lpconnector.camel.emulator;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension running a {@link LiveEngageEmulator}:
 *
 * <pre>
 * &#64;RegisterExtension
 * static LiveEngageEmulatorExtension EMULATOR = LiveEngageEmulatorExtension.create();
 * </pre>
 *
 * Starts the emulator in beforeAll, {@link LiveEngageEmulator#reset() resets} it before each test and closes it in
 * afterAll. Registered on an instance field it starts lazily before the first test and is closed in afterAll of the
 * class (when that callback is reached).
 * <p>
 * For a test whose webhook receiver gets its port only once it runs (a Camel route, platform-http on a free port):
 * {@link #webhooksTo(Supplier)} registers the URL it supplies for all five notification types before each test,
 * after the reset.
 */
public final class LiveEngageEmulatorExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private final Consumer<LiveEngageEmulator.Builder> configurer;
    private volatile LiveEngageEmulator emulator;
    private volatile Supplier<String> webhookUrl;

    private LiveEngageEmulatorExtension(Consumer<LiveEngageEmulator.Builder> configurer) {
        this.configurer = configurer;
    }

    public static LiveEngageEmulatorExtension create() {
        return new LiveEngageEmulatorExtension(b -> {
        });
    }

    /** With builder settings, e.g. {@code create(b -> b.ratePerSecond(50))}. */
    public static LiveEngageEmulatorExtension create(Consumer<LiveEngageEmulator.Builder> configurer) {
        return new LiveEngageEmulatorExtension(configurer);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ensureStarted();
    }

    /**
     * Before each test (after the reset), registers the URL {@code url} supplies for all five notification types,
     * keeping the builder's retry interval; a null URL registers nothing.
     */
    public LiveEngageEmulatorExtension webhooksTo(Supplier<String> url) {
        this.webhookUrl = url;
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        LiveEngageEmulator e = ensureStarted();
        e.reset();
        Supplier<String> url = webhookUrl;
        String target = url == null ? null : url.get();
        if (target != null) {
            e.webhooks().registerAll(target);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        LiveEngageEmulator e = emulator;
        emulator = null;
        if (e != null) {
            e.close();
        }
    }

    private synchronized LiveEngageEmulator ensureStarted() {
        if (emulator == null) {
            LiveEngageEmulator.Builder b = LiveEngageEmulator.builder();
            configurer.accept(b);
            emulator = b.start();
        }
        return emulator;
    }

    /** The running emulator (fails if the extension has not started it). */
    public LiveEngageEmulator emulator() {
        LiveEngageEmulator e = emulator;
        if (e == null) {
            throw new IllegalStateException("the LiveEngage emulator is not running (register the extension on a"
                    + " static field, or call this from a test)");
        }
        return e;
    }

    public String baseUri() {
        return emulator().baseUri();
    }

    public int port() {
        return emulator().port();
    }

    public String host() {
        return emulator().host();
    }

    public String clientId() {
        return emulator().clientId();
    }

    public String clientSecret() {
        return emulator().clientSecret();
    }

    public String issueAppJwt(String accountId) {
        return emulator().issueAppJwt(accountId);
    }

    public String issueConsumerJws(String accountId, String extConsumerId) {
        return emulator().issueConsumerJws(accountId, extConsumerId);
    }

    public FaultInjection faults() {
        return emulator().faults();
    }

    public RateLimit rateLimit() {
        return emulator().rateLimit();
    }

    public Webhooks webhooks() {
        return emulator().webhooks();
    }

    public EmulatedAgent agent() {
        return emulator().agent();
    }

    public EmulatedAgent agent(String agentId) {
        return emulator().agent(agentId);
    }

    public List<EmulatedConversation> conversations() {
        return emulator().conversations();
    }

    public Optional<EmulatedConversation> conversation(String conversationId) {
        return emulator().conversation(conversationId);
    }

    public long count(String endpoint, int status) {
        return emulator().count(endpoint, status);
    }

    public long count(String endpoint) {
        return emulator().count(endpoint);
    }

    public Map<String, Long> counters() {
        return emulator().counters();
    }

    public List<RecordedRequest> requests() {
        return emulator().requests();
    }

    public void clearRequests() {
        emulator().clearRequests();
    }

    public void reset() {
        emulator().reset();
    }
}
