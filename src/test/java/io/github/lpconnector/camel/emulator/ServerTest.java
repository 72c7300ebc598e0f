package io.github.lpconnector.camel.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP server under the emulator: routing, the wire, threads. */
class ServerTest {

    static final Set<Thread> BEFORE = new HashSet<>(Thread.getAllStackTraces().keySet());
    static LiveEngageEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = LiveEngageEmulator.builder().threads(3).start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.reset();
    }

    /** What each service's paths mean, written as regular expressions: group i is path parameter i. */
    static final List<Object[]> SPEC = List.of(
            new Object[] {"domain", "^/api/account/([^/]+)/service/([^/]+)/baseURI\\.json$", List.of("account",
                    "service")},
            new Object[] {"domain", "^/api/account/([^/]+)/service/baseURI\\.json$", List.of("account")},
            new Object[] {"sentinel", "^/sentinel/api/account/([^/]+)/app/token$", List.of("account")},
            new Object[] {"idp", "^/api/account/([^/]+)/consumer$", List.of("account")},
            new Object[] {"create", "^/api/account/([^/]+)/messaging/consumer/conversation$", List.of("account")},
            new Object[] {"send", "^/api/account/([^/]+)/messaging/consumer/conversation/send$", List.of("account")},
            new Object[] {"emulator", "^/emulator/([^/]+)$", List.of("resource")});

    @Test
    void pathsRouteToTheServiceTheSpecSays() {
        List<String> paths = List.of("/api/account/1/service/idp/baseURI.json",
                "/api/account/1/service/baseURI.json", "/api/account//service/baseURI.json",
                "/api/account/1/service//baseURI.json", "/api/account/1/service/a/b/baseURI.json",
                "/api/account/1/service/baseURI.json/baseURI.json", "/api/account/1/service/baseURI.jsonx",
                "/api/account/1/service/idp/baseURIxjson", "/sentinel/api/account/le1/app/token",
                "/sentinel/api/account//app/token", "/sentinel/api/account/1/app/token/", "/api/account/1/consumer",
                "/api/account/1/consumer/", "/api/account/1/consumers", "/api/account/a%2Fb/consumer",
                "/api/account/1/messaging/consumer/conversation",
                "/api/account/1/messaging/consumer/conversation/send",
                "/api/account/1/messaging/consumer/conversation/sendx", "/api/account/1/x/consumer",
                "/api/account/1", "/api/account/", "/api/account/1/", "/api/accounts/1/consumer", "", "/",
                "/emulator/counters", "/emulator/", "/emulator/a/b", "/emulatorx", "/API/account/1/consumer");
        for (String path : paths) {
            String service = null;
            Map<String, String> params = new HashMap<>();
            for (Object[] spec : SPEC) {
                Matcher m = Pattern.compile((String) spec[1]).matcher(path);
                if (m.matches()) {
                    service = (String) spec[0];
                    List<?> names = (List<?>) spec[2];
                    for (int i = 0; i < names.size(); i++) {
                        params.put((String) names.get(i), m.group(i + 1));
                    }
                    break;
                }
            }
            Routes.Match match = emulator.routes().find(path);
            if (service == null) {
                assertThat(match).as(path).isNull();
            } else {
                assertThat(match).as(path).isNotNull();
                assertThat(match.handler().name()).as(path).isEqualTo(service);
                assertThat(match.params()).as(path).isEqualTo(params);
            }
        }
    }

    @Test
    void queryStringsAndFormsAreDecodedFirstPairWinning() {
        assertThat(Request.parseForm(null)).isEmpty();
        assertThat(Request.parseForm("")).isEmpty();
        assertThat(Request.parseForm("v=3&x=1")).isEqualTo(Map.of("v", "3", "x", "1"));
        assertThat(Request.parseForm("v=1&v=2")).isEqualTo(Map.of("v", "1"));
        assertThat(Request.parseForm("v&w=")).isEqualTo(Map.of("v", "", "w", ""));
        assertThat(Request.parseForm("=3")).isEqualTo(Map.of("", "3"));
        assertThat(Request.parseForm("&&v=3&")).isEqualTo(Map.of("v", "3"));
        assertThat(Request.parseForm("v=%zz&v=3")).isEqualTo(Map.of("v", "3"));
        assertThat(Request.parseForm("%zz=1&v=3")).isEqualTo(Map.of("v", "3"));
        assertThat(Request.parseForm("v=a+b%20c&%76v=3")).isEqualTo(Map.of("v", "a b c", "vv", "3"));
    }

    @Test
    void answersKeepTheConnectionAndCarryDateAndContentType() throws IOException {
        try (Socket s = socket()) {
            for (int i = 0; i < 3; i++) {
                write(s, "GET /api/account/1/service/idp/baseURI.json?version=1.0 HTTP/1.1\r\nHost: x\r\n\r\n");
                String head = readHead(s.getInputStream());
                assertThat(head).startsWith("HTTP/1.1 200 OK\r\n").containsIgnoringCase("content-type: application/json")
                        .containsIgnoringCase("\r\ndate: ").doesNotContainIgnoringCase("connection: close");
                int length = Integer.parseInt(head.replaceAll("(?is).*content-length: *(\\d+).*", "$1"));
                assertThat(new String(s.getInputStream().readNBytes(length), StandardCharsets.UTF_8))
                        .contains("\"service\":\"idp\"");
            }
        }
        assertThat(emulator.count("domain", 200)).isEqualTo(3);
    }

    @Test
    void dropClosesTheConnectionWithoutAnyByte() throws IOException {
        emulator.faults().dropShare(1.0);
        try (Socket s = socket()) {
            write(s, sendRequest());
            assertThat(s.getInputStream().readAllBytes()).isEmpty(); // end of stream, not a reset
        }
        assertThat(emulator.count("send", 0)).isEqualTo(1);
    }

    @Test
    void endlessStallIsClosedWithoutAnswerAtReset() throws Exception {
        emulator.faults().stallShare(1.0, null);
        try (Socket s = socket()) {
            write(s, sendRequest());
            org.awaitility.Awaitility.await().until(() -> emulator.faults().injected("stall") == 1);
            emulator.reset();
            assertThat(s.getInputStream().readAllBytes()).isEmpty();
        }
    }

    @Test
    void largeBodyAfterExpectContinue() throws IOException {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 30_000; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"kind\":\"req\",\"id\":\"r").append(i).append("\"}");
        }
        byte[] body = batch.append(']').toString().getBytes(StandardCharsets.UTF_8);
        assertThat(body.length).isGreaterThan(1 << 19);
        try (Socket s = socket()) {
            write(s, "POST /api/account/1/messaging/consumer/conversation?v=3 HTTP/1.1\r\nHost: x\r\nAuthorization: "
                    + emulator.issueAppJwt("1") + "\r\nX-LP-ON-BEHALF: " + emulator.issueConsumerJws("1", "u")
                    + "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: " + body.length
                    + "\r\n\r\n");
            assertThat(readHead(s.getInputStream())).startsWith("HTTP/1.1 100");
            s.getOutputStream().write(body);
            String head = readHead(s.getInputStream());
            assertThat(head).startsWith("HTTP/1.1 400"); // the whole batch was read: too many requests in it
            int length = Integer.parseInt(head.replaceAll("(?is).*content-length: *(\\d+).*", "$1"));
            assertThat(new String(s.getInputStream().readNBytes(length), StandardCharsets.UTF_8))
                    .contains("got 30000");
        }
    }

    @Test
    void theServerThreadsAreTheEmulatorsByName() {
        Set<Thread> mine = new HashSet<>(Thread.getAllStackTraces().keySet());
        mine.removeAll(BEFORE);
        List<String> io = mine.stream().map(Thread::getName).filter(n -> n.startsWith("le-emulator-io-")).toList();
        assertThat(io).hasSize(3);
        assertThat(mine.stream().map(Thread::getName)).anyMatch(n -> n.startsWith("le-emulator-listener"))
                .noneMatch(n -> n.startsWith("server-") || n.startsWith("httpcore") || n.startsWith("HTTP-Dispatcher"));
    }

    private static Socket socket() throws IOException {
        Socket s = new Socket("127.0.0.1", emulator.port());
        s.setSoTimeout(5000);
        return s;
    }

    private static String sendRequest() {
        String body = EmulatorClient.publish("m", "nope", "{\"type\":\"ContentEvent\"}");
        return "POST /api/account/1/messaging/consumer/conversation/send?v=3 HTTP/1.1\r\nHost: x\r\nAuthorization: "
                + emulator.issueAppJwt("1") + "\r\nX-LP-ON-BEHALF: " + emulator.issueConsumerJws("1", "u")
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    private static void write(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        while (state < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head);
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1
                    : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
