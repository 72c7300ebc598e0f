package io.github.lpconnector.camel.internal;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.lpconnector.camel.LivePersonConnectorConstants;
import io.github.lpconnector.camel.LivePersonValidationException;
import io.github.lpconnector.camel.support.CapturingAppender;
import io.github.lpconnector.camel.support.LivePersonTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Injection: tokens, accountId, ids, apiVersion, domain and baseUri cannot add a header, change the path or the
 * query, or point the component at another host; checked on {@link InputRules} and through endpoints.
 */
class InputRulesTest extends LivePersonTestSupport {

    /** Values that must never become part of a path segment. */
    static Stream<String> pathBreakingIds() {
        return Stream.of("../12345678", "..", "a/b", "/", "a\\b", "a?v=1", "a#frag", "%2e%2e%2f", "%2F", "..%2f",
                "%252e%252e", "a b", "a\tb", "a\r\nX-Evil: 1", "a\u0000b", "a\u007fb", "caf\u00e9", "a;b", "a&b=c",
                "a=b", "a+b", "", "x".repeat(InputRules.MAX_ID_LENGTH + 1));
    }

    @ParameterizedTest
    @MethodSource("pathBreakingIds")
    void idsThatCouldChangeAPathAreRefused(String id) {
        assertThatThrownBy(() -> InputRules.id("conversationId", id))
                .isInstanceOf(LivePersonValidationException.class)
                .satisfies(e -> assertThat(((LivePersonValidationException) e).getField()).isEqualTo("conversationId"));
    }

    @ParameterizedTest
    @MethodSource("pathBreakingIds")
    void conversationIdHeaderThatCouldChangeAPathIsRefusedBeforeAnyCall(String id) {
        for (String operation : List.of("send", "close")) {
            Exchange exchange = template.send("liveperson-connector:" + operation, e -> {
                e.getMessage().setHeader(LivePersonConnectorConstants.CONVERSATION_ID, id);
                e.getMessage().setBody("hello");
            });
            assertThat(exchange.getException()).as(operation).isInstanceOf(LivePersonValidationException.class);
            assertThat(((LivePersonValidationException) exchange.getException()).getField())
                    .isEqualTo(LivePersonConnectorConstants.CONVERSATION_ID);
        }
        assertThat(requests()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "a\r\nX-Evil: 1", "a\nb", "a\u0000b", "a\u0085b", "a\u2028b", " ", "\t" })
    void extConsumerIdWithControlCharactersIsRefusedBeforeAnyCall(String id) {
        Exchange exchange = template.send(CREATE + "?consumerJws=&clientId=cid&clientSecret=csecret", e -> {
            e.setProperty(LivePersonConnectorConstants.PROPERTY_EXT_CONSUMER_ID, id);
            e.getMessage().setBody("hello");
        });

        assertThat(exchange.getException()).isInstanceOf(LivePersonValidationException.class);
        assertThat(requests()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "5b2f6c1e-0000-4c2b-9a5e-1234567890ab", "crm-customer_42", "user@example.com", "a.b:c" })
    void ordinaryIdsAreAccepted(String id) {
        assertThat(InputRules.id("LivePersonExtConsumerId", id)).isEqualTo(id);
    }

    @ParameterizedTest
    @MethodSource("pathBreakingIds")
    void accountIdsThatCouldChangeAPathAreRefused(String accountId) {
        assertThatThrownBy(() -> InputRules.accountId(accountId)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> context.getEndpoint(CREATE + "?accountId=RAW(" + accountId + ")").start())
                .hasStackTraceContaining("accountId");
    }

    static Stream<String> headerInjectingTokens() {
        return Stream.of("abc\r\nX-Evil: 1", "abc\nX-Evil: 1", "abc\rdef", "abc def", "abc\tdef", "abc\u0000",
                "abc\u007f", "abc\u0085def", "abc\u2028def", "t\u00f6ken", " ", "",
                "x".repeat(InputRules.MAX_TOKEN_LENGTH + 1));
    }

    @ParameterizedTest
    @MethodSource("headerInjectingTokens")
    void tokensThatCouldInjectAHeaderAreRefusedWithoutEchoingThem(String token) {
        assertThatThrownBy(() -> InputRules.token("LivePersonAppJwt", "option appJwt", token))
                .isInstanceOf(LivePersonValidationException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("X-Evil").doesNotContain("abc"));

        Exchange exchange = create("", e -> {
            e.setProperty(LivePersonConnectorConstants.PROPERTY_CONSUMER_JWS, token);
            e.getMessage().setBody("hello");
        });
        assertThat(exchange.getException()).isInstanceOf(LivePersonValidationException.class);
        assertThat(((LivePersonValidationException) exchange.getException()).getField())
                .isEqualTo(LivePersonConnectorConstants.PROPERTY_CONSUMER_JWS);
    }

    @ParameterizedTest
    @ValueSource(strings = { "va.msg.liveperson.net", "localhost", "localhost:8443", "127.0.0.1:1", "[::1]:443",
            "lo.example-1.com:65535" })
    void hostsWithAnOptionalPortAreAccepted(String domain) {
        assertThat(InputRules.host("domain", domain)).isEqualTo(domain);
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://va.msg.liveperson.net", "http://evil", "evil.com/path", "evil.com?x=1",
            "evil.com#x", "user@evil.com", "user:pw@evil.com", "va.msg.liveperson.net@evil.com", "evil.com:0",
            "evil.com:65536", "evil.com:", "evil.com:80:80", "evil .com", " evil.com", "evil.com\r\nX: 1",
            "evil.com\t", "evil.com\\@good.com", "-evil.com", "evil-.com", "evil..com", ".evil.com", "evil.com.",
            "ev_il.com", "%65vil.com", "evil%2ecom", "[::1", "::1", "", "xn--\u00e9.com" })
    void domainsWithMoreThanAHostAndPortAreRefused(String domain) {
        assertThatThrownBy(() -> InputRules.host("domain", domain))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("domain");
        if (!domain.isEmpty()) {
            assertThatThrownBy(() -> context.getEndpoint(CREATE + "?baseUri=&domain=RAW(" + domain + ")").start())
                    .hasStackTraceContaining("domain");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "ftp://host", "file:///etc/passwd", "jar:https://x!/", "https://host/path",
            "https://host/api/account/other", "https://host?x=1", "https://host#f", "https://user:pw@host",
            "https://user@host", "https://host:99999", "https://ho st", "https://host\r\n", "//host", "host",
            "https://", "https://host/..", "https:host" })
    void baseUrisWithMoreThanSchemeHostAndPortAreRefused(String baseUri) {
        assertThatThrownBy(() -> InputRules.baseUri(baseUri))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseUri")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pw"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "3", "3.1", "12" })
    void apiVersionIsANumber(String version) {
        assertThat(InputRules.apiVersion(version)).isEqualTo(version);
    }

    @ParameterizedTest
    @ValueSource(strings = { "3&x=1", "3#f", "3/../x", "", "v3", "3 ", "3.1.2" })
    void apiVersionCannotExtendTheQuery(String version) {
        assertThatThrownBy(() -> InputRules.apiVersion(version)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> context.getEndpoint(CREATE + "?apiVersion=RAW(" + version + ")").start())
                .hasStackTraceContaining("apiVersion");
    }

    @Test
    void theRequestLineIsExactlyTheAccountPath() {
        Exchange exchange = create("", "hello");

        assertThat(exchange.getException()).isNull();
        assertThat(lastRequest().path()).isEqualTo(CREATE_PATH);
        assertThat(lastRequest().query()).isEqualTo(Map.of("v", "3"));
    }

    @Test
    void domainAloneMeansHttps() {
        var endpoint = (io.github.lpconnector.camel.LivePersonConnectorEndpoint) context.getEndpoint(
                CREATE + "?baseUri=&domain=va.msg.liveperson.net");
        assertThat(endpoint.getServiceUrl()).isEqualTo("https://va.msg.liveperson.net");
    }

    @Test
    void plainHttpToAHostOffThisMachineIsWarnedAboutOnce() throws Exception {
        try (CapturingAppender logs = CapturingAppender.install()) {
            // started, never called: no connection is made to these hosts
            context.getEndpoint(CREATE + "?baseUri=http://lp-test.invalid:8080").start();
            context.getEndpoint(CREATE + "?baseUri=http://lp-test.invalid:8080&maxRetries=1").start();
            context.getEndpoint(CREATE + "?baseUri=http://localhost:8080").start();
            context.getEndpoint(CREATE + "?baseUri=http://127.0.0.5:8080").start();
            context.getEndpoint(CREATE + "?baseUri=https://lp-test.invalid").start();

            List<String> warnings = logs.events().stream().filter(e -> e.contains("plain HTTP")).toList();
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0)).contains("http://lp-test.invalid:8080");
        }
    }

    @Test
    void loopbackIsOnlyLoopback() {
        assertThat(InputRules.isLoopback("127.0.0.1")).isTrue();
        assertThat(InputRules.isLoopback("localhost")).isTrue();
        assertThat(InputRules.isLoopback("[::1]")).isTrue();
        assertThat(InputRules.isLoopback("127.0.0.1.evil.com")).isFalse();
        assertThat(InputRules.isLoopback("localhost.evil.com")).isFalse();
        assertThat(InputRules.isLoopback("10.0.0.1")).isFalse();
    }

    @Test
    void proxyHostIsAHost() {
        assertThatThrownBy(() -> context.getEndpoint(CREATE + "?proxyHost=RAW(http://proxy/x)").start())
                .hasStackTraceContaining("proxyHost");
        assertThatCode(() -> context.getEndpoint(CREATE + "?proxyHost=proxy.internal&proxyPort=3128").start())
                .doesNotThrowAnyException();
    }

    @AfterEach
    void onlyTheOneWellFormedRequestReachedTheServer() {
        assertThat(requests()).allSatisfy(r -> {
            assertThat(r.path()).isEqualTo(CREATE_PATH);
            assertThat(r.query()).isEqualTo(Map.of("v", "3"));
        });
    }
}
