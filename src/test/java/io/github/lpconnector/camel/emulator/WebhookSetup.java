package io.github.lpconnector.camel.emulator;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BiFunction;

import javax.net.ssl.SSLContext;

/**
 * How the emulator's LiveEngage side talks to the connector, set on the builder
 * ({@link LiveEngageEmulator.Builder#webhooks}): the webhook registrations, the signature, the timeouts, TLS, and the
 * auto-agent. Defaults as LivePerson: no registration, {@code sha1=} Base64, 5 s connect and 5 s read timeouts, no
 * auto-agent.
 */
public final class WebhookSetup {

    private WebhookRegistrations registrations = WebhookRegistrations.none();
    private WebhookSignature.Algorithm algorithm = WebhookSignature.Algorithm.SHA1;
    private WebhookSignature.Encoding encoding = WebhookSignature.Encoding.BASE64;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration readTimeout = Duration.ofSeconds(5);
    private SSLContext sslContext;
    private Duration autoAgentDelay;
    private BiFunction<EmulatedConversation, String, String> autoAgentAnswer = AutoAgent::defaultAnswer;

    WebhookSetup() {
    }

    /** The webhooks, as the App Installation manifest would set them (also restored by {@code reset()}). */
    public WebhookSetup register(WebhookRegistrations r) {
        this.registrations = Objects.requireNonNull(r, "registrations");
        return this;
    }

    /** All five notification types to {@code urls} (round-robin when several), no retries. */
    public WebhookSetup registerAll(String... urls) {
        return register(WebhookRegistrations.allTypes(urls).withRetryInterval(registrations.retryInterval()));
    }

    /** The webhooks of a manifest JSON ({@link WebhookRegistrations#fromManifest}). */
    public WebhookSetup manifest(String json) {
        return register(WebhookRegistrations.fromManifest(json).withRetryInterval(registrations.retryInterval()));
    }

    /** The time between two attempts of a notification (LivePerson: 30 s). */
    public WebhookSetup retryInterval(Duration interval) {
        return register(registrations.withRetryInterval(interval));
    }

    /** The signature's algorithm and encoding (default SHA1, Base64). */
    public WebhookSetup signature(WebhookSignature.Algorithm algorithm, WebhookSignature.Encoding encoding) {
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.encoding = Objects.requireNonNull(encoding, "encoding");
        return this;
    }

    /**
     * Connect timeout and read timeout (the answer must have come this long after the request started); default 5 s
     * each, as LivePerson's newest text. Tests shorten them.
     */
    public WebhookSetup timeouts(Duration connect, Duration read) {
        this.connectTimeout = positive(connect, "connect timeout");
        this.readTimeout = positive(read, "read timeout");
        return this;
    }

    /** The TLS context for https endpoints (default: the JDK's default trust). */
    public WebhookSetup sslContext(SSLContext context) {
        this.sslContext = context;
        return this;
    }

    /**
     * The auto-agent: the default agent accepts each new conversation and answers the consumer's first text message,
     * each after {@code delay}, with {@code "Hello <firstName>, about: <first message>"}.
     */
    public WebhookSetup autoAgent(Duration delay) {
        return autoAgent(delay, AutoAgent::defaultAnswer);
    }

    /** The auto-agent with its own answer: (conversation, first message) to the agent's text. */
    public WebhookSetup autoAgent(Duration delay, BiFunction<EmulatedConversation, String, String> answer) {
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("auto-agent delay must be zero or positive");
        }
        this.autoAgentDelay = delay;
        this.autoAgentAnswer = Objects.requireNonNull(answer, "answer");
        return this;
    }

    WebhookRegistrations registrations() {
        return registrations;
    }

    WebhookSignature.Algorithm algorithm() {
        return algorithm;
    }

    WebhookSignature.Encoding encoding() {
        return encoding;
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    Duration readTimeout() {
        return readTimeout;
    }

    SSLContext sslContext() {
        return sslContext;
    }

    /** null when the auto-agent is off. */
    Duration autoAgentDelay() {
        return autoAgentDelay;
    }

    BiFunction<EmulatedConversation, String, String> autoAgentAnswer() {
        return autoAgentAnswer;
    }

    private static Duration positive(Duration d, String what) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
        return d;
    }
}
