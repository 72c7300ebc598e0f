package io.github.lpconnector.camel.benchmark;

import java.util.concurrent.CountDownLatch;

import org.apache.camel.main.Main;

/**
 * The connector under the notification benchmark, in a JVM of its own as it is deployed: camel-main with the example
 * route {@code routes-examples/liveperson-replies-to-kafka.camel.yaml} and a conversation store holding the
 * conversations the load notifies. Every system property starting with {@code camel.}, {@code kafka.} or {@code lp.}
 * is a property of the application; {@code bench.route} replaces the route (e.g. one without Kafka, for the floor). Prints {@value #READY} once started; SIGTERM stops it.
 */
public final class NotificationConnectorMain {

    static final String READY = "LP-NOTIFICATION-CONNECTOR-READY";

    private NotificationConnectorMain() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        String route = System.getProperty("bench.route", "");
        main.configure().withRoutesIncludePattern(route.isBlank()
                ? "file:routes-examples/liveperson-replies-to-kafka.camel.yaml" : route);
        main.configure().withShutdownTimeout(10);
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("camel.") || key.startsWith("kafka.") || key.startsWith("lp.")) {
                main.addInitialProperty(key, System.getProperty(key));
            }
        }
        main.bind("benchStore", NotificationBenchmark.recordedConversations());
        main.addInitialProperty("camel.component.liveperson-connector.conversation-store", "#benchStore");
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            main.stop();
            stopped.countDown();
        }, "connector-stop"));
        main.start();
        System.out.println(READY);
        stopped.await();
    }
}
