package io.github.lpconnector.camel.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.lpconnector.camel.LivePersonConnectorConfiguration;
import io.github.lpconnector.camel.support.MockLivePersonServer;
import io.github.lpconnector.camel.support.MockLivePersonServer.RecordedRequest;
import org.apache.hc.core5.http.Header;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The request headers: formatted once per header map and reused, yet each request carries its own map's. */
class LivePersonHttpClientTest {

    private static final byte[] BATCH = "[]".getBytes(StandardCharsets.UTF_8);

    @Test
    void eachRequestCarriesTheHeadersOfItsOwnMapOnce() throws Exception {
        Map<String, String> first = Map.of("Authorization", "app-jwt-one", "X-LP-ON-BEHALF", "jws-one");
        Map<String, String> renewed = Map.of("Authorization", "app-jwt-two", "X-LP-ON-BEHALF", "jws-two");
        try (MockLivePersonServer server = MockLivePersonServer.start();
             LivePersonHttpClient client = LivePersonHttpClient.create(new LivePersonConnectorConfiguration(), null)) {
            URI uri = URI.create(server.baseUri() + "/api/account/1/messaging/consumer/conversation?v=3");
            client.postJson(uri, BATCH, first).get(10, TimeUnit.SECONDS);
            client.postJson(uri, BATCH, first).get(10, TimeUnit.SECONDS);
            client.postJson(uri, BATCH, renewed).get(10, TimeUnit.SECONDS);
            client.postJson(uri, BATCH, new HashMap<>(first)).get(10, TimeUnit.SECONDS); // equal, not the same
            client.get(uri, Map.of("Accept", "application/json")).get(10, TimeUnit.SECONDS);
            client.postJson(uri, BATCH, renewed).get(10, TimeUnit.SECONDS);

            List<RecordedRequest> requests = server.requests();
            assertThat(requests).extracting(r -> r.headers().get("Authorization")).containsExactly(
                    List.of("app-jwt-one"), List.of("app-jwt-one"), List.of("app-jwt-two"), List.of("app-jwt-one"),
                    null, List.of("app-jwt-two"));
            assertThat(requests).extracting(r -> r.headers().get("X-LP-ON-BEHALF")).containsExactly(
                    List.of("jws-one"), List.of("jws-one"), List.of("jws-two"), List.of("jws-one"), null,
                    List.of("jws-two"));
            assertThat(requests.get(4).headers().get("Accept")).containsExactly("application/json");
            assertThat(requests.get(5).headers()).doesNotContainKey("Accept");
        }
    }

    @Test
    void aLineBreakInAValueCannotStartAnotherHeader() throws Exception {
        try (MockLivePersonServer server = MockLivePersonServer.start();
             LivePersonHttpClient client = LivePersonHttpClient.create(new LivePersonConnectorConfiguration(), null)) {
            URI uri = URI.create(server.baseUri() + "/api/x");
            client.postJson(uri, BATCH, Map.of("X-Test", "a\r\nInjected: yes")).get(10, TimeUnit.SECONDS);

            RecordedRequest request = server.lastRequest();
            assertThat(request.headers()).doesNotContainKey("Injected");
            assertThat(request.header("X-Test")).isEqualTo("a  Injected: yes");
        }
    }

    @Test
    void oneConsumerAfterAnotherGetsItsOwnTokenLineNextToTheSameAppJwtLine() throws Exception {
        try (MockLivePersonServer server = MockLivePersonServer.start();
             LivePersonHttpClient client = LivePersonHttpClient.create(new LivePersonConnectorConfiguration(), null)) {
            Header[] first = client.formatted(Map.of("Authorization", "app-jwt", "X-LP-ON-BEHALF", "jws-one"));
            Header[] second = client.formatted(Map.of("Authorization", new String("app-jwt"), "X-LP-ON-BEHALF", "jws-two"));
            Header[] equal = client.formatted(new HashMap<>(Map.of("Authorization", "app-jwt", "X-LP-ON-BEHALF", "jws-two")));

            assertThat(line(second, "Authorization")).isSameAs(line(first, "Authorization"));
            assertThat(line(second, "X-LP-ON-BEHALF").getValue()).isEqualTo("jws-two");
            assertThat(equal).isSameAs(second);

            URI uri = URI.create(server.baseUri() + "/api/account/1/messaging/consumer/conversation?v=3");
            client.postJson(uri, BATCH, Map.of("Authorization", "app-jwt", "X-LP-ON-BEHALF", "jws-one")).get(10, TimeUnit.SECONDS);
            client.postJson(uri, BATCH, Map.of("Authorization", "app-jwt", "X-LP-ON-BEHALF", "jws-two")).get(10, TimeUnit.SECONDS);
            client.postJson(uri, BATCH, Map.of("Authorization", "app-jwt-2", "X-LP-ON-BEHALF", "jws-two")).get(10, TimeUnit.SECONDS);
            assertThat(server.requests()).extracting(r -> r.header("Authorization") + " / " + r.header("X-LP-ON-BEHALF"))
                    .containsExactly("app-jwt / jws-one", "app-jwt / jws-two", "app-jwt-2 / jws-two");
        }
    }

    private static Header line(Header[] lines, String name) {
        for (Header line : lines) {
            if (line.getName().equals(name)) {
                return line;
            }
        }
        throw new AssertionError("no " + name + " line");
    }
}
