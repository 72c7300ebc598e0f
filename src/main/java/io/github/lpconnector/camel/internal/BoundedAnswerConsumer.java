package io.github.lpconnector.camel.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpResponse;

/**
 * Reads an answer into memory, refusing one larger than a limit so that a broken or hostile server cannot make the
 * component buffer without end. A declared {@code Content-Length} over the limit is refused before a byte is read.
 */
final class BoundedAnswerConsumer extends AbstractBinResponseConsumer<LivePersonClient.Answer> {

    private final int maxBytes;
    private HttpResponse head;
    private ByteArrayOutputStream body;

    BoundedAnswerConsumer(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void start(HttpResponse response, ContentType contentType) throws HttpException, IOException {
        Header length = response.getFirstHeader("Content-Length");
        if (length != null && declared(length.getValue()) > maxBytes) {
            throw new AnswerTooLargeException(maxBytes);
        }
        head = response;
        body = new ByteArrayOutputStream();
    }

    private static long declared(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1; // HttpClient itself refuses a malformed Content-Length
        }
    }

    @Override
    protected int capacityIncrement() {
        return 8192;
    }

    @Override
    protected void data(ByteBuffer src, boolean endOfStream) throws IOException {
        if (body.size() + src.remaining() > maxBytes) {
            throw new AnswerTooLargeException(maxBytes);
        }
        byte[] chunk = new byte[src.remaining()];
        src.get(chunk);
        body.write(chunk);
    }

    @Override
    protected LivePersonClient.Answer buildResult() {
        Header retryAfter = head.getFirstHeader("Retry-After");
        return new LivePersonClient.Answer(head.getCode(), head.getReasonPhrase() != null ? head.getReasonPhrase() : "",
                body.toByteArray(), retryAfter != null ? LivePersonClient.Answer.seconds(retryAfter.getValue()) : null,
                1);
    }

    @Override
    public void releaseResources() {
        body = null;
    }

    /** The answer is larger than the limit. */
    static final class AnswerTooLargeException extends IOException {
        private final int maxBytes;

        AnswerTooLargeException(int maxBytes) {
            super("LivePerson's answer is larger than " + maxBytes + " bytes");
            this.maxBytes = maxBytes;
        }

        int maxBytes() {
            return maxBytes;
        }
    }
}
