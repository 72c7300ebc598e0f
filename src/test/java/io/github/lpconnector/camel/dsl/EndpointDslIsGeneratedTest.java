package io.github.lpconnector.camel.dsl;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The committed Endpoint DSL is what the generator writes from the component's metadata: no option text drifts. */
class EndpointDslIsGeneratedTest {

    @Test
    void theCommittedBuilderIsTheGeneratedOne() throws Exception {
        String committed = Files.readString(EndpointDslGenerator.TARGET, StandardCharsets.UTF_8);
        assertThat(committed)
                .as("LivePersonConnectorEndpointBuilderFactory differs from the metadata: regenerate it with"
                    + " mvn -q test-compile exec:java@generate-dsl")
                .isEqualTo(EndpointDslGenerator.generate(EndpointDslGenerator.metadata()));
    }
}
