package io.github.lpconnector.camel.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
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

    // the regular expressions the prefix checks replaced
    static final List<Object[]> REGEXES = List.of(
            new Object[] {"domain", Pattern.compile("^/api/account/([^/]+)/service/([^/]+)/baseURI\\.json$")},
            new Object[] {"domain", Pattern.compile("^/api/account/([^/]+)/service/baseURI\\.json$")},
            new Object[] {"sentinel", Pattern.compile("^/sentinel/api/account/([^/]+)/app/token$")},
            new Object[] {"idp", Pattern.compile("^/api/account/([^/]+)/consumer$")},
            new Object[] {"create", Pattern.compile("^/api/account/([^/]+)/messaging/consumer/conversation$")},
            new Object[] {"send", Pattern.compile("^/api/account/([^/]+)/messaging/consumer/conversation/send$")});

    @Test
    void routesAreTheOnesOfTheRegularExpressions() {
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
                "/emulator/counters", "/emulator/", "/emulatorx", "/API/account/1/consumer");
        for (String path : paths) {
            String endpoint = null;
            String account = null;
            String extra = null;
            for (Object[] r : REGEXES) {
                Matcher m = ((Pattern) r[1]).matcher(path);
                if (m.matches()) {
                    endpoint = (String) r[0];
                    account = m.group(1);
                    extra = m.groupCount() > 1 ? m.group(2) : null;
                    break;
                }
            }
            if (endpoint == null && path.startsWith("/emulator/")) {
                endpoint = "emulator";
                extra = path.substring("/emulator/".length());
            }
            LiveEngageEmulator.Route route = LiveEngageEmulator.route(path);
            if (endpoint == null) {
                assertThat(route).as(path).isNull();
            } else {
                assertThat(route).as(path).isNotNull();
                assertThat(route.endpoint().id).as(path).isEqualTo(endpoint);
                assertThat(route.accountId()).as(path).isEqualTo(account);
                assertThat(route.extra()).as(path).isEqualTo(extra);
            }
        }
    }

    @Test
    void queryParametersAreReadAsTheFormParserReadsThem() {
        List<String> queries = List.of("v=3", "v=3&x=1", "x=1&v=3", "v=1&v=2", "v", "v=", "=3", "&&v=3&",
                "v=%zz&v=3", "%zz=1&v=3", "v=a+b%20c", "%76=3", "version=1.0", "v=3&version=1.0&", "vv=3", "");
        for (String q : queries) {
            for (String name : List.of("v", "version", "x")) {
                assertThat(LiveEngageEmulator.queryParam(q, name)).as(q + " " + name)
                        .isEqualTo(LiveEngageEmulator.parseForm(q).get(name));
            }
        }
        assertThat(LiveEngageEmulator.queryParam(null, "v")).isNull();
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
