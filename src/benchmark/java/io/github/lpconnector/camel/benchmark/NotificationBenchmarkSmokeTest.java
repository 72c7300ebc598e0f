package io.github.lpconnector.camel.benchmark;

import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.lpconnector.camel.emulator.LiveEngageEmulator;
import io.github.lpconnector.camel.flows.FlowMain;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The notification benchmark's load and report, tiny and without Kafka: correctness only, never speed. */
class NotificationBenchmarkSmokeTest {

    @Test
    void theLoadIsAnsweredAndReported() throws Exception {
        try (LiveEngageEmulator emulator = LiveEngageEmulator.start()) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            AtomicInteger handedOn = new AtomicInteger();
            Main main = FlowMain.start(null, null, emulator, Map.of("camel.server.enabled", "true",
                    "camel.server.port", String.valueOf(port),
                    "camel.component.liveperson-connector.conversation-store", "#benchStore"),
                    Map.of("benchStore", NotificationBenchmark.recordedConversations()));
            try {
                main.getCamelContext().addRoutes(new RouteBuilder() {
                    @Override
                    public void configure() {
                        from("liveperson-connector:notifications")
                                .filter(header("LivePersonCorrelationId").startsWith("case-"))
                                .process(e -> handedOn.incrementAndGet());
                    }
                });
                NotificationBenchmark.Run run;
                try (NotificationBenchmark.Load load = new NotificationBenchmark.Load(
                        URI.create("http://127.0.0.1:" + port + "/liveperson/notifications"), FlowMain.ACCOUNT,
                        emulator.clientId(), emulator.clientSecret())) {
                    run = load.run(50, 2);
                }
                assertThat(run.errors()).isZero();
                assertThat(handedOn.get()).isEqualTo(100);
                assertThat(run.p99Ms()).isPositive();
                assertThat(NotificationBenchmark.markdown(60, List.of(new NotificationBenchmark.Run(200, run.answered(),
                        0, run.p50Ms(), run.p99Ms(), run.maxMs())), List.of(), List.of(run))).contains("Target p99 ≤ 10 ms at 200/s")
                        .contains("Without Kafka");
            } finally {
                main.stop();
            }
        }
    }
}
