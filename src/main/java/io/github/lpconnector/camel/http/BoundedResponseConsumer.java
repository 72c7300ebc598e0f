package io.github.lpconnector.camel.http;

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
 * component buffer without end.
 */
final class BoundedResponseConsumer extends AbstractBinResponseConsumer<LivePersonHttpResponse> {

    private final int maxBytes;
    private HttpResponse head;
    private ByteArrayOutputStream buffer;

    BoundedResponseConsumer(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void start(HttpResponse response, ContentType contentType) throws HttpException, IOException {
        Header length = response.getFirstHeader("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.getValue().trim()) > maxBytes) {
                    throw new ResponseTooLargeException(maxBytes); // refused before a byte of it is read
                }
            } catch (NumberFormatException e) {
                // HttpClient itself refuses a malformed Content-Length
            }
        }
        this.head = response;
        this.buffer = new ByteArrayOutputStream(512);
    }

    @Override
    protected int capacityIncrement() {
        return 8192;
    }

    @Override
    protected void data(ByteBuffer src, boolean endOfStream) throws IOException {
        int length = src.remaining();
        if (buffer.size() + length > maxBytes) {
            throw new ResponseTooLargeException(maxBytes);
        }
        if (src.hasArray()) {
            buffer.write(src.array(), src.arrayOffset() + src.position(), length);
            src.position(src.limit());
        } else {
            byte[] chunk = new byte[length];
            src.get(chunk);
            buffer.write(chunk);
        }
    }

    @Override
    protected LivePersonHttpResponse buildResult() {
        Header retryAfter = head.getFirstHeader("Retry-After");
        return new LivePersonHttpResponse(head.getCode(), head.getReasonPhrase() != null ? head.getReasonPhrase() : "",
                buffer.toByteArray(), retryAfter != null ? retryAfter.getValue() : null);
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
