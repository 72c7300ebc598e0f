package io.github.lpconnector.camel.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpResponse;

/**
 * Reads an answer into memory, refusing one larger than a limit so that a broken or hostile server cannot make the
 * component buffer without end.
 */
final class BoundedResponseConsumer extends AbstractBinResponseConsumer<LivePersonHttpResponse> {

    private final int maxBytes;
    private HttpResponse head;
    private byte[] buffer;
    private int length;

    BoundedResponseConsumer(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void start(HttpResponse response, ContentType contentType) throws HttpException, IOException {
        long declared = declaredLength(response);
        if (declared > maxBytes) {
            throw new ResponseTooLargeException(maxBytes); // refused before a byte of it is read
        }
        this.head = response;
        // sized from Content-Length when it is there, so the usual answer is read without growing or copying
        this.buffer = new byte[declared >= 0 ? (int) declared : 512];
        this.length = 0;
    }

    private static long declaredLength(HttpResponse response) {
        Header header = response.getFirstHeader("Content-Length");
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.getValue()); // HttpCore's parsed headers give their values trimmed
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
        int chunk = src.remaining();
        if (length + chunk > maxBytes) {
            throw new ResponseTooLargeException(maxBytes);
        }
        if (length + chunk > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(maxBytes, Math.max(length + chunk, buffer.length * 2)));
        }
        src.get(buffer, length, chunk);
        length += chunk;
    }

    @Override
    protected LivePersonHttpResponse buildResult() {
        Header retryAfter = head.getFirstHeader("Retry-After");
        byte[] body = length == buffer.length ? buffer : Arrays.copyOf(buffer, length);
        return new LivePersonHttpResponse(head.getCode(), head.getReasonPhrase() != null ? head.getReasonPhrase() : "",
                body, retryAfter != null ? retryAfter.getValue() : null);
    }

    @Override
    public void releaseResources() {
        buffer = null;
    }

    /** The answer is larger than the limit. */
    static final class ResponseTooLargeException extends IOException {
        private final int maxBytes;

        ResponseTooLargeException(int maxBytes) {
            super("LivePerson's answer is larger than " + maxBytes + " bytes");
            this.maxBytes = maxBytes;
        }

        int maxBytes() {
            return maxBytes;
        }
    }
}
