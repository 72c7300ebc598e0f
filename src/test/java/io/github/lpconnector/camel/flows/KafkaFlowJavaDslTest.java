package io.github.lpconnector.camel.flows;

/** routes-examples/java/.../flows/kafka/KafkaToLivePersonRoute.java through camel-main's package scan. */
class KafkaFlowJavaDslTest extends AbstractKafkaFlowTest {

    @Override
    String routes() {
        return null;
    }

    @Override
    String javaPackage() {
        return "io.github.lpconnector.camel.flows.kafka";
    }

    @Override
    String routeId() {
        return "kafka-to-liveperson-java";
    }
}
