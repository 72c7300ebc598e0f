package io.github.lpconnector.camel.benchmark;

import java.util.concurrent.CountDownLatch;

import io.github.lpconnector.camel.flows.KafkaTestBroker;

/**
 * The notification benchmark's Kafka broker (KRaft, one node) in a JVM of its own, so that neither the load's nor the
 * connector's collections pause it. Creates the topic {@code lp-replies} (6 partitions), then prints {@value #READY}
 * and its bootstrap servers; SIGTERM stops it.
 */
public final class KafkaBrokerMain {

    static final String READY = "LP-KAFKA-READY";

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        KafkaTestBroker kafka = KafkaTestBroker.start();
        kafka.createTopic("lp-replies", 6);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                kafka.close();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "kafka-stop"));
        System.out.println(READY + " " + kafka.bootstrapServers());
        stopped.await();
    }
}
