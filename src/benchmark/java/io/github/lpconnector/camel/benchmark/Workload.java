package io.github.lpconnector.camel.benchmark;

import java.nio.charset.StandardCharsets;

import io.github.lpconnector.camel.emulator.LiveEngageEmulator;

/**
 * The one CREATE workload all contenders run: a conversation opened with a profile, skill and first text message,
 * for one consumer (the emulator is started with {@code multipleOpenConversations(true)}, so one ConsumerJWS serves
 * every exchange instead of signing one token per conversation).
 */
final class Workload {

    static final String ACCOUNT = "bench42";
    static final String SKILL = "1234";
    static final String MESSAGE = "Hello from the benchmark, opening a conversation";

    final String baseUri;
    final String appJwt;
    final String consumerJws;

    Workload(LiveEngageEmulator emulator) {
        this(emulator.baseUri(), emulator.issueAppJwt(ACCOUNT), emulator.issueConsumerJws(ACCOUNT, "bench-consumer"));
    }

    /** For an emulator in another process, which issued the tokens. */
    Workload(String baseUri, String appJwt, String consumerJws) {
        this.baseUri = baseUri;
        this.appJwt = appJwt;
        this.consumerJws = consumerJws;
    }

    String createPath() {
        return "/api/account/" + ACCOUNT + "/messaging/consumer/conversation";
    }

    /** The CREATE batch for {@link #MESSAGE}, its request ids made from {@code prefix}. */
    static byte[] batch(String prefix) {
        String json = "[{\"kind\":\"req\",\"id\":\"" + prefix + ":profile\",\"type\":\"userprofile.SetUserProfile\",\"body\":{}},"
                      + "{\"kind\":\"req\",\"id\":\"" + prefix + ":conversation\",\"type\":\"cm.ConsumerRequestConversation\","
                      + "\"body\":{\"brandId\":\"" + ACCOUNT + "\",\"skillId\":\"" + SKILL + "\",\"channelType\":\"MESSAGING\"}},"
                      + "{\"kind\":\"req\",\"id\":\"" + prefix + ":message\",\"type\":\"ms.PublishEvent\","
                      + "\"body\":{\"event\":{\"type\":\"ContentEvent\",\"contentType\":\"text/plain\",\"message\":\""
                      + MESSAGE + "\"}}}]";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
