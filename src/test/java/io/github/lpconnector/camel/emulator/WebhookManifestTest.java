package io.github.lpconnector.camel.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The App Installation manifest's {@code capabilities.webhooks}, as liveperson-webhooks.md §4.1 shows it. */
class WebhookManifestTest {

    /** §4.1 (APPS "Custom connector example") with the DEMO mock's retry sibling, inside a whole manifest. */
    static final String MANIFEST = """
            {"client_name": "connector", "enabled": true, "capabilities": {"webhooks": {
              "ms.MessagingEventNotification.ContentEvent": {"endpoint": "https://your/webhooks/endpoint",
                "max_retries": 3, "headers": [{"header_name": "NAME", "header_value": "VALUE"}]},
              "ms.MessagingEventNotification.RichContentEvent": {"endpoint": "https://your/webhooks/endpoint",
                "max_retries": 5},
              "ms.MessagingEventNotification.AcceptStatusEvent": {"endpoint": "https://your/webhooks/endpoint",
                "max_retries": 1},
              "ms.MessagingEventNotification.ChatStateEvent": {"endpoint": "https://your/webhooks/endpoint"},
              "cqm.ExConversationChangeNotification": {"endpoint": ["https://a/hook?x=1", "https://b/hook"]},
              "retry": {"retention_time": 3600}}}}""";

    @Test
    void readsTheDocumentedManifest() {
        WebhookRegistrations r = WebhookRegistrations.fromManifest(MANIFEST);
        assertThat(r.endpoints().keySet()).containsExactlyElementsOf(WebhookRegistrations.TYPES);
        WebhookEndpoint content = r.endpoint(WebhookRegistrations.CONTENT_EVENT).orElseThrow();
        assertThat(content.urls()).containsExactly("https://your/webhooks/endpoint");
        assertThat(content.maxRetries()).isEqualTo(3);
        assertThat(content.headers()).containsExactly(Map.entry("NAME", "VALUE"));
        assertThat(r.endpoint(WebhookRegistrations.RICH_CONTENT_EVENT).orElseThrow().maxRetries()).isEqualTo(5);
        assertThat(r.endpoint(WebhookRegistrations.CHAT_STATE_EVENT).orElseThrow().maxRetries())
                .as("LivePerson's default: no retries").isZero();
        assertThat(r.endpoint(WebhookRegistrations.CONVERSATION_CHANGE).orElseThrow().urls())
                .containsExactly("https://a/hook?x=1", "https://b/hook");
        assertThat(r.retentionTime()).isEqualTo(Duration.ofHours(1));
        assertThat(r.ttlRetention()).isTrue();
        assertThat(r.retryInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void writesWhatItReads() {
        WebhookRegistrations r = WebhookRegistrations.fromManifest(MANIFEST);
        assertThat(WebhookRegistrations.fromManifest(r.toManifest())).isEqualTo(r);
        WebhookRegistrations bare = WebhookRegistrations.fromManifest(
                "{\"cqm.ExConversationChangeNotification\":{\"endpoint\":\"http://127.0.0.1:1/x\"}}");
        assertThat(bare.endpoints()).containsOnlyKeys(WebhookRegistrations.CONVERSATION_CHANGE);
        assertThat(bare.ttlRetention()).isFalse();
        assertThat(WebhookRegistrations.allTypes("http://h/a", "http://h/b").endpoints().values())
                .allSatisfy(e -> assertThat(e.urls()).containsExactly("http://h/a", "http://h/b"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[]|the manifest must be a JSON object",
        "{not json|the manifest is not JSON",
        "{\"webhooks\":{\"ms.Nope\":{\"endpoint\":\"https://a\"}}}|capabilities.webhooks.ms.Nope: unknown",
        "{\"webhooks\":{\"cqm.ExConversationChangeNotification\":{}}}"
                + "|capabilities.webhooks.cqm.ExConversationChangeNotification.endpoint is missing",
        "{\"webhooks\":{\"cqm.ExConversationChangeNotification\":{\"endpoint\":\"ftp://a\"}}}"
                + "|capabilities.webhooks.cqm.ExConversationChangeNotification: endpoint 'ftp://a' is not",
        "{\"webhooks\":{\"ms.MessagingEventNotification.ContentEvent\":{\"endpoint\":\"https://a\","
                + "\"max_retries\":6}}}|capabilities.webhooks.ms.MessagingEventNotification.ContentEvent.max_retries",
        "{\"webhooks\":{\"ms.MessagingEventNotification.ContentEvent\":{\"endpoint\":\"https://a\","
                + "\"max_retries\":\"2\"}}}|max_retries must be an integer 0..5",
        "{\"webhooks\":{\"ms.MessagingEventNotification.ContentEvent\":{\"endpoint\":\"https://a\","
                + "\"headers\":[{\"header_name\":\"Host\",\"header_value\":\"x\"}]}}}|header_name 'Host' is set by",
        "{\"webhooks\":{\"ms.MessagingEventNotification.ContentEvent\":{\"endpoint\":\"https://a\","
                + "\"headers\":[{\"header_name\":\"A\"}]}}}|needs header_name and header_value",
        "{\"webhooks\":{\"retry\":{\"retention_time\":259201}}}|retry.retention_time must be",
        "{\"capabilities\":{\"webhooks\":[]}}|capabilities.webhooks must be an object"})
    void refusesBadManifestsNamingTheField(String json, String message) {
        assertThatThrownBy(() -> WebhookRegistrations.fromManifest(json))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void refusesBadRegistrationsBuiltInJava() {
        assertThatThrownBy(() -> WebhookEndpoint.of()).hasMessageContaining("at least one URL");
        assertThatThrownBy(() -> WebhookEndpoint.of("https://a").withMaxRetries(-1)).hasMessageContaining("0..5");
        assertThatThrownBy(() -> WebhookEndpoint.of("https://a").withHeader("X-A", "a\r\nB: b"))
                .hasMessageContaining("one line");
        assertThatThrownBy(() -> new WebhookRegistrations(Map.of("nope", WebhookEndpoint.of("https://a")), null,
                null)).hasMessageContaining("'nope' is not a notification type");
        assertThatThrownBy(() -> WebhookRegistrations.none().withRetryInterval(Duration.ZERO))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> WebhookRegistrations.none().withRetentionTime(Duration.ofDays(4)))
                .hasMessageContaining("3 days");
        assertThat(WebhookRegistrations.none().with(WebhookRegistrations.CONTENT_EVENT,
                WebhookEndpoint.of("https://a")).with(WebhookRegistrations.CONTENT_EVENT, null).endpoints()).isEmpty();
        assertThat(List.copyOf(WebhookRegistrations.TYPES)).hasSize(5);
    }
}
