package io.github.lpconnector.camel.inbound;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.lpconnector.camel.emulator.LiveEngageEmulator;
import io.github.lpconnector.camel.flows.FlowFigures;
import io.github.lpconnector.camel.flows.FlowMain;
import io.github.lpconnector.camel.support.CapturingAppender;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.Test;

import static io.github.lpconnector.camel.inbound.WebhookClient.agentTextChange;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ten thousand generated bad webhook requests - bad, missing or truncated signatures, a wrong algorithm prefix, a
 * wrong account, malformed, oversized and non-UTF-8 bodies, wrong types, changes naming no conversation - each get the
 * right 4xx, none becomes an exchange, and nothing logged holds the secret or a message's text.
 */
class BadNotificationsFuzzTest {

    private static final int CASES = 10_000;
    private static final long SEED = 20261203L;
    private static final int MAX_SIZE = 4096;
    private static final String MARKER = "MESSAGE-TEXT-NOT-TO-LOG";

    record Case(String category, byte[] body, String signature, String account, int expected) {
    }

    @Test
    void everyBadRequestGetsItsStatusAndNoExchange() throws Exception {
        LiveEngageEmulator emulator = LiveEngageEmulator.start();
        int port = WebhookClient.freePort();
        AtomicInteger exchanges = new AtomicInteger();
        Configurator.setLevel("io.github.lpconnector", Level.DEBUG);
        Configurator.setLevel("org.apache.camel.component.platform.http", Level.DEBUG);
        Main main = FlowMain.start(null, null, emulator, Map.of("camel.server.enabled", "true",
                "camel.server.port", String.valueOf(port)), Map.of());
        String secret = emulator.clientSecret();
        try (CapturingAppender logs = CapturingAppender.install()) {
            main.getCamelContext().addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("liveperson-connector:notifications?maxNotificationSize=" + MAX_SIZE)
                            .process(e -> exchanges.incrementAndGet());
                }
            });
            WebhookClient liveEngage = new WebhookClient(URI.create("http://127.0.0.1:" + port
                                                                    + "/liveperson/notifications"),
                    FlowMain.ACCOUNT, emulator.clientId(), secret);
            Random random = new Random(SEED);
            List<Case> cases = new ArrayList<>();
            for (int i = 0; i < CASES; i++) {
                cases.add(next(random, i, secret));
            }
            ExecutorService clients = Executors.newFixedThreadPool(4);
            Map<String, Integer> byCategory = new TreeMap<>();
            List<String> wrong = new ArrayList<>();
            try {
                List<Future<String>> answers = new ArrayList<>();
                for (Case c : cases) {
                    answers.add(clients.submit((Callable<String>) () -> {
                        HttpResponse<String> answer = liveEngage.post(c.body(), c.signature(), c.account());
                        return answer.statusCode() == c.expected() ? null
                                : c.category() + " answered " + answer.statusCode() + ", expected " + c.expected();
                    }));
                }
                for (int i = 0; i < cases.size(); i++) {
                    String problem = answers.get(i).get();
                    if (problem != null && wrong.size() < 20) {
                        wrong.add(problem);
                    }
                    byCategory.merge(cases.get(i).category(), 1, Integer::sum);
                }
            } finally {
                clients.shutdownNow();
            }
            assertThat(wrong).as("requests answered with another status").isEmpty();
            assertThat(exchanges.get()).as("exchanges made of bad requests").isZero();
            List<String> leaked = logs.events().stream()
                    .filter(line -> line.contains(secret) || line.contains(MARKER)).toList();
            assertThat(leaked).as("log lines holding the secret or a message's text").isEmpty();
            assertThat(logs.events()).as("the refusals were logged, so the check above saw them")
                    .anyMatch(line -> line.contains("Refused a notification with HTTP 401"));
            assertThat(byCategory).hasSizeGreaterThanOrEqualTo(12);
            FlowFigures figures = new FlowFigures("BadNotificationsFuzzTest").put("requests", CASES)
                    .put("exchanges", exchanges.get()).put("logLinesWithSecretOrText", leaked.size());
            byCategory.forEach(figures::put);
            figures.print();
        } finally {
            main.stop();
            emulator.close();
            Configurator.setLevel("io.github.lpconnector", Level.INFO);
            Configurator.setLevel("org.apache.camel.component.platform.http", Level.INFO);
        }
    }

    /** One bad request; its body, when it has a conversation, carries a text that must never be logged. */
    private static Case next(Random random, int i, String secret) throws Exception {
        String good = "{\"kind\":\"notification\",\"type\":\"ms.MessagingEventNotification\",\"body\":{\"changes\":["
                      + agentTextChange("conv-" + i, i, MARKER + "-" + i) + "]}}";
        byte[] bytes = good.getBytes(StandardCharsets.UTF_8);
        String signed = WebhookClient.signature(bytes, secret);
        String account = FlowMain.ACCOUNT;
        return switch (random.nextInt(14)) {
            case 0 -> new Case("no signature", bytes, null, account, 401);
            case 1 -> new Case("another secret", bytes, WebhookClient.signature(bytes, secret + "x"), account, 401);
            case 2 -> new Case("truncated signature", bytes, signed.substring(0, 5 + random.nextInt(signed.length() - 6)),
                    account, 401);
            case 3 -> new Case("wrong algorithm prefix", bytes, (random.nextBoolean() ? "md5=" : "sha512=")
                                                               + signed.substring(5), account, 401);
            case 4 -> new Case("signature of another body", bytes, WebhookClient.signature(
                    good.replace(MARKER, "other").getBytes(StandardCharsets.UTF_8), secret), account, 401);
            case 5 -> new Case("wrong account", bytes, signed, random.nextBoolean() ? "1" + account : null, 401);
            case 6 -> signedCase("truncated JSON", good.substring(0, random.nextInt(good.length() - 1))
                    .getBytes(StandardCharsets.UTF_8), secret, 400);
            case 7 -> signedCase("not JSON", ("<xml>" + MARKER + "</xml>").getBytes(StandardCharsets.UTF_8), secret, 400);
            case 8 -> signedCase("oversized", (good + " ".repeat(MAX_SIZE)).getBytes(StandardCharsets.UTF_8), secret, 413);
            case 9 -> signedCase("non-UTF-8 bytes", good.replace("\"message\":\"", "\"message\":\"\u00e9")
                    .getBytes(StandardCharsets.ISO_8859_1), secret, 400);
            case 10 -> signedCase("wrong type of sequence", good.replace("\"sequence\":" + i, "\"sequence\":\"" + i + "\""),
                    secret, 400);
            case 11 -> signedCase("no conversation id", good.replace("\"conversationId\":\"conv-" + i + "\",", "")
                    .replace(",\"dialogId\":\"conv-" + i + "\"", ""), secret, 400);
            case 12 -> signedCase("not a notification", good.replace("\"kind\":\"notification\"", "\"kind\":\"req\""),
                    secret, 400);
            default -> signedCase("unknown event type", good.replace("ContentEvent", "SomethingEvent"), secret, 400);
        };
    }

    private static Case signedCase(String category, String body, String secret, int expected) throws Exception {
        return signedCase(category, body.getBytes(StandardCharsets.UTF_8), secret, expected);
    }

    private static Case signedCase(String category, byte[] body, String secret, int expected) throws Exception {
        return new Case(category, body, WebhookClient.signature(body, secret), FlowMain.ACCOUNT, expected);
    }
}
