package io.github.lpconnector.camel.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The answer buffer: sized from Content-Length when given, grown otherwise, bounded always. */
class BoundedAnswerConsumerTest {

    private static LivePersonClient.Answer read(BoundedAnswerConsumer consumer, String contentLength, String... chunks)
            throws Exception {
        BasicHttpResponse head = new BasicHttpResponse(200, "OK");
        if (contentLength != null) {
            head.addHeader("Content-Length", contentLength);
        }
        head.addHeader("Retry-After", "3");
        consumer.start(head, null);
        for (int i = 0; i < chunks.length; i++) {
            ByteBuffer direct = ByteBuffer.allocateDirect(chunks[i].length());
            direct.put(chunks[i].getBytes(StandardCharsets.UTF_8)).flip();
            consumer.data(i % 2 == 0 ? ByteBuffer.wrap(chunks[i].getBytes(StandardCharsets.UTF_8)) : direct,
                    i == chunks.length - 1);
        }
        return consumer.buildResult();
    }

    @Test
    void exactContentLength() throws Exception {
        LivePersonClient.Answer response = read(new BoundedAnswerConsumer(1024), "9", "[{\"a\":", "1}]");
        assertThat(response.bodyText()).isEqualTo("[{\"a\":1}]");
        assertThat(response.body()).hasSize(9);
        assertThat(response.retryAfterSeconds()).isEqualTo(3L);
    }

    @Test
    void noContentLengthGrowsPastTheFirstBuffer() throws Exception {
        String big = "x".repeat(700);
        LivePersonClient.Answer response = read(new BoundedAnswerConsumer(4096), null, big, big, "end");
        assertThat(response.bodyText()).isEqualTo(big + big + "end");
    }

    @Test
    void wrongContentLengthIsOnlyAHint() throws Exception {
        assertThat(read(new BoundedAnswerConsumer(1024), "2", "abcdef").bodyText()).isEqualTo("abcdef");
        assertThat(read(new BoundedAnswerConsumer(1024), "nonsense", "abc").bodyText()).isEqualTo("abc");
        assertThat(read(new BoundedAnswerConsumer(1024), "0").body()).isEmpty();
    }

    @Test
    void declaredLargerThanTheLimitIsRefusedBeforeReading() {
        assertThatThrownBy(() -> read(new BoundedAnswerConsumer(1024), "999999999", "abc"))
                .isInstanceOf(BoundedAnswerConsumer.AnswerTooLargeException.class);
    }

    @Test
    void largerThanTheLimitIsRefused() {
        assertThatThrownBy(() -> read(new BoundedAnswerConsumer(10), null, "123456", "789012"))
                .isInstanceOf(BoundedAnswerConsumer.AnswerTooLargeException.class);
    }
}
