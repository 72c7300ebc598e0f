package io.github.lpconnector.camel.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpStatus;
import org.apache.hc.core5.http.impl.BasicEntityDetails;
import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.apache.hc.core5.http.nio.AsyncServerExchangeHandler;
import org.apache.hc.core5.http.nio.CapacityChannel;
import org.apache.hc.core5.http.nio.DataStreamChannel;
import org.apache.hc.core5.http.nio.ResponseChannel;
import org.apache.hc.core5.http.nio.command.ShutdownCommand;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.Command;
import org.apache.hc.core5.reactor.ProtocolIOSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request and its answer on the {@link EmulatorServer}. HttpCore calls it on the I/O thread of its connection, one
 * call at a time: the body is gathered as it comes, and the complete {@link Request} handed to the handler, which
 * decides on one of: {@link #answer answer} now or after a delay, answer {@link #never() never}, or {@link #drop()
 * close the connection} without an answer.
 */
final class Exchange implements AsyncServerExchangeHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);

    private final EmulatorServer server;
    private final ProtocolIOSession connection;
    private final Consumer<Exchange> handler;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private HttpRequest head;
    private ResponseChannel channel;
    private HttpContext context;
    private Request request;
    /** The answer's body still to write. */
    private volatile ByteBuffer pending;
    /** Set when HttpCore is done with the exchange (answered, or the connection closed). */
    private volatile boolean released;

    Exchange(EmulatorServer server, ProtocolIOSession connection, Consumer<Exchange> handler) {
        this.server = server;
        this.connection = connection;
        this.handler = handler;
    }

    /** The complete request (available from the moment the handler is called). */
    Request request() {
        return request;
    }

    @Override
    public void handleRequest(HttpRequest head, EntityDetails entity, ResponseChannel channel, HttpContext context)
            throws HttpException, IOException {
        this.head = head;
        this.channel = channel;
        this.context = context;
        if (entity == null) {
            requestComplete();
            return;
        }
        Header expect = head.getFirstHeader(HttpHeaders.EXPECT);
        if (expect != null && "100-continue".equalsIgnoreCase(expect.getValue())) {
            channel.sendInformation(new BasicHttpResponse(HttpStatus.SC_CONTINUE), context);
        }
    }

    @Override
    public void updateCapacity(CapacityChannel capacityChannel) throws IOException {
        capacityChannel.update(Integer.MAX_VALUE);
    }

    @Override
    public void consume(ByteBuffer src) {
        byte[] chunk = new byte[src.remaining()];
        src.get(chunk);
        body.writeBytes(chunk);
    }

    @Override
    public void streamEnd(List<? extends Header> trailers) {
        requestComplete();
    }

    private void requestComplete() {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Header h : head.getHeaders()) {
            headers.computeIfAbsent(h.getName(), name -> new ArrayList<>()).add(h.getValue());
        }
        headers.replaceAll((name, values) -> List.copyOf(values));
        String target = head.getPath() == null ? "" : head.getPath();
        request = Request.of(head.getMethod(), target, Collections.unmodifiableMap(headers), body.toByteArray());
        handler.accept(this);
    }

    /** Writes {@code reply} now, or has the scheduler write it after {@code delay}. */
    void answer(Reply reply, Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            write(reply);
        } else {
            server.later(this, delay, () -> write(reply));
        }
    }

    /** Never answers: the connection stays open until the emulator is reset or closed. */
    void never() {
        server.never(this);
    }

    /**
     * Closes the connection without an answer (no answer was submitted on it): the client sees the connection closed
     * before any response byte.
     */
    void drop() {
        connection.enqueue(new ShutdownCommand(CloseMode.IMMEDIATE), Command.Priority.IMMEDIATE);
    }

    private void write(Reply reply) {
        if (released) {
            return; // the connection is gone
        }
        BasicHttpResponse response = new BasicHttpResponse(reply.status());
        response.addHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        reply.headers().forEach(response::setHeader);
        byte[] content = reply.body();
        try {
            if (content.length == 0) {
                channel.sendResponse(response, null, context);
            } else {
                pending = ByteBuffer.wrap(content);
                channel.sendResponse(response, new BasicEntityDetails(content.length, null), context);
            }
        } catch (HttpException | IOException | RuntimeException e) {
            LOG.debug("could not write the answer: {}", e.toString());
            drop();
        }
    }

    @Override
    public int available() {
        ByteBuffer b = pending;
        return b == null ? 0 : b.remaining();
    }

    @Override
    public void produce(DataStreamChannel out) throws IOException {
        ByteBuffer b = pending;
        if (b == null) {
            return;
        }
        while (b.hasRemaining() && out.write(b) > 0) {
            // the session buffer takes what it can; the reactor calls again when there is room
        }
        if (!b.hasRemaining()) {
            pending = null;
            out.endStream(null);
        }
    }

    @Override
    public void failed(Exception cause) {
        releaseResources();
    }

    @Override
    public void releaseResources() {
        released = true;
        pending = null;
        server.released(this);
    }
}
