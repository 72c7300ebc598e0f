package io.github.lpconnector.camel.flows;

/** routes-examples/kafka-to-liveperson.camel.yaml through camel-main. */
class KafkaFlowYamlTest extends AbstractKafkaFlowTest {

    @Override
    String routes() {
        return "file:routes-examples/kafka-to-liveperson.camel.yaml";
    }

    @Override
    String javaPackage() {
        return null;
    }

    @Override
    String routeId() {
        return "kafka-to-liveperson-yaml";
    }
}
