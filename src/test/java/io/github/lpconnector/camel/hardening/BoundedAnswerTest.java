package io.github.lpconnector.camel.hardening;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.lpconnector.camel.LivePersonAnswerTooLargeException;
import io.github.lpconnector.camel.LivePersonConnectorException;
import io.github.lpconnector.camel.LivePersonTransportException;
import com.github.tomakehurst.wiremock.core.Options.ChunkedEncodingPolicy;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.lpconnector.camel.support.LivePersonTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Answers are bounded: a 5 MB answer, an endless chunked stream and a trickle that never ends are refused with a
 * typed error instead of being buffered or waited for; a deeply nested or oversized JSON answer is refused by the
 * JSON limits. Completion is checked through the exchange future with a timeout, never by measuring speed. WireMock
 * sends the answers with a Content-Length; the loopback {@link RawServer} the ones no HTTP server library sends.
 */
class BoundedAnswerTest extends LivePersonTestSupport {

    private static final long BOUND_SECONDS = 20;

    @RegisterExtension
    static final WireMockExtension WIREMOCK = wireMock(c -> c.useChunkedTransferEncoding(ChunkedEncodingPolicy.NEVER));

    private Exchange sendAndWait(String options) throws Exception {
        return template.asyncSend(CREATE + "?maxRetries=0" + (options.isEmpty() ? "" : "&" + options), e -> e.getMessage().setBody("hello"))
                .get(BOUND_SECONDS, TimeUnit.SECONDS);
    }

    /** WireMock answers {@code status} with {@code body} and its Content-Length; the exchange is sent there. */
    private Exchange answeredByWireMock(int status, String body) throws Exception {
        WIREMOCK.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));
        return sendAndWait("baseUri=" + WIREMOCK.baseUrl());
    }

    @Test
    void fiveMegabyteAnswerWithContentLengthIsRefused() throws Exception {
        Exchange exchange = answeredByWireMock(200, "[\"" + "x".repeat(5 * 1024 * 1024) + "\"]");

        assertThat(exchange.getException()).isInstanceOf(LivePersonAnswerTooLargeException.class)
                .hasMessageContaining("larger than " + (1024 * 1024));
        assertThat(((LivePersonTransportException) exchange.getException()).isRequestSent()).isTrue();
    }

    @Test
    void fiveMegabyteAnswerWithoutLengthIsCutAtTheLimit() throws Exception {
        try (RawServer raw = new RawServer(RawServer.Mode.CLOSE_DELIMITED_5MB)) {
            Exchange exchange = sendAndWait("baseUri=" + raw.baseUri());

            assertThat(exchange.getException()).isInstanceOf(LivePersonAnswerTooLargeException.class);
            assertThat(raw.bytesWritten.get()).isLessThanOrEqualTo(5L * 1024 * 1024);
        }
    }

    @Test
    void endlessChunkedAnswerIsRefused() throws Exception {
        try (RawServer raw = new RawServer(RawServer.Mode.ENDLESS_CHUNKED)) {
            Exchange exchange = sendAndWait("baseUri=" + raw.baseUri());

            assertThat(exchange.getException()).isInstanceOf(LivePersonAnswerTooLargeException.class);
            assertThat(raw.requests.get()).isEqualTo(1);
        }
    }

    @Test
    void answerTricklingForeverEndsAtTheDeadline() throws Exception {
        try (RawServer raw = new RawServer(RawServer.Mode.TRICKLE)) {
            // each byte comes well within requestTimeout, so only the per-attempt deadline can end the wait
            Exchange exchange = sendAndWait("connectTimeout=500&requestTimeout=500&baseUri=" + raw.baseUri());

            assertThat(exchange.getException()).isInstanceOf(LivePersonTransportException.class);
            assertThat(((LivePersonTransportException) exchange.getException()).isTimeout()).isTrue();
        }
    }

    @Test
    void deeplyNestedAnswerIsRefusedByTheJsonLimits() throws Exception {
        Exchange exchange = answeredByWireMock(200, "[".repeat(5000) + "]".repeat(5000));

        assertThat(exchange.getException()).isInstanceOf(LivePersonConnectorException.class)
                .hasMessageContaining("not readable JSON")
                .hasStackTraceContaining("nesting depth");
    }

    @Test
    void deeplyNestedErrorAnswerStillGivesTheHttpError() throws Exception {
        Exchange exchange = answeredByWireMock(400, "{\"a\":".repeat(5000));

        assertThat(exchange.getException()).isInstanceOf(io.github.lpconnector.camel.LivePersonHttpException.class);
    }

    @Test
    void answerWithAHugeStringIsRefused() throws Exception {
        Exchange exchange = answeredByWireMock(200, "[{\"reqId\":\"" + "r".repeat(300 * 1024) + "\"}]");

        assertThat(exchange.getException()).isInstanceOf(LivePersonConnectorException.class)
                .hasStackTraceContaining("String value length");
    }

    /** A loopback HTTP/1.1 server that misbehaves on purpose; every loop is bounded in bytes or time. */
    static final class RawServer implements AutoCloseable {

        enum Mode { CLOSE_DELIMITED_5MB, ENDLESS_CHUNKED, TRICKLE }

        private final ServerSocket socket;
        private final Mode mode;
        private final Thread acceptor;
        final AtomicInteger requests = new AtomicInteger();
        final AtomicLong bytesWritten = new AtomicLong();

        RawServer(Mode mode) throws IOException {
            this.mode = mode;
            this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.acceptor = new Thread(this::acceptLoop, "raw-server-" + mode);
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String baseUri() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        private void acceptLoop() {
            while (!socket.isClosed()) {
                try (Socket connection = socket.accept()) {
                    readRequest(connection.getInputStream());
                    requests.incrementAndGet();
                    answer(connection.getOutputStream());
                } catch (IOException e) {
                    // the client hung up, as it should; or the server is closing
                }
            }
        }

        private static void readRequest(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                head.write(b);
                byte[] bytes = head.toByteArray();
                int n = bytes.length;
                if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
                    break;
                }
            }
            String headers = head.toString(StandardCharsets.ISO_8859_1);
            int length = 0;
            for (String line : headers.split("\r\n")) {
                if (line.toLowerCase().startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            in.readNBytes(length);
        }

        private void answer(OutputStream out) throws IOException {
            byte[] chunk = new byte[8192];
            Arrays.fill(chunk, (byte) 'x');
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            switch (mode) {
                case CLOSE_DELIMITED_5MB -> {
                    write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n[\"");
                    for (int i = 0; i < 5 * 1024 * 1024 / chunk.length; i++) {
                        out.write(chunk);
                        bytesWritten.addAndGet(chunk.length);
                    }
                }
                case ENDLESS_CHUNKED -> {
                    write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
                    // "endless" for the client: bounded here only so that a broken client cannot keep the test running
                    while (System.nanoTime() < deadline && bytesWritten.get() < 1024L * 1024 * 1024) {
                        write(out, Integer.toHexString(chunk.length) + "\r\n");
                        out.write(chunk);
                        write(out, "\r\n");
                        bytesWritten.addAndGet(chunk.length);
                    }
                }
                case TRICKLE -> {
                    write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n");
                    out.flush();
                    while (System.nanoTime() < deadline) {
                        out.write(' ');
                        out.flush();
                        bytesWritten.incrementAndGet();
                        // pacing of the misbehaving server, not synchronisation: one byte every 50 ms
                        java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
                    }
                }
            }
            out.flush();
        }

        private void write(OutputStream out, String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
