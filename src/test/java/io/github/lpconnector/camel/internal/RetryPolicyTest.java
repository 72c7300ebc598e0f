package io.github.lpconnector.camel.internal;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;

import io.github.lpconnector.camel.LivePersonTransportException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.RequestNotExecutedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What is retried, after how long, and what a final failure says about whether the request left. */
class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(3, 100, 5_000);

    private static LivePersonClient.Answer answer(int status, String retryAfter) {
        return new LivePersonClient.Answer(status, "", "{}".getBytes(StandardCharsets.UTF_8),
                retryAfter != null ? LivePersonClient.Answer.seconds(retryAfter) : null, 1);
    }

    @Test
    void rateLimitWaitsForRetryAfterWithAOneSecondFloorAndTheCap() {
        assertThat(policy.delayAfterAnswer(1, answer(429, "3"))).isEqualTo(3_000);
        assertThat(policy.delayAfterAnswer(1, answer(429, "0"))).isEqualTo(1_000);
        assertThat(policy.delayAfterAnswer(1, answer(429, "3600"))).isEqualTo(5_000);
        assertThat(policy.delayAfterAnswer(1, answer(429, null))).isEqualTo(1_000);
    }

    /**
     * Issue 26's open point, decided: LivePerson's floor after a 429 wins over a smaller {@code maxRetryDelay}, which
     * then caps only the backoff after 502/503/504 and refused connections.
     */
    @Test
    void aPauseAfter429TakesRetryAfterCappedByMaxRetryDelayAndNeverLessThanTheFloor() {
        assertThat(policy.rateLimitPauseMillis(answer(429, "3"), 1_000)).isEqualTo(3_000);
        assertThat(policy.rateLimitPauseMillis(answer(429, null), 1_000)).isEqualTo(1_000);
        assertThat(policy.rateLimitPauseMillis(answer(429, "3600"), 1_000)).isEqualTo(5_000);
        assertThat(policy.rateLimitPauseMillis(answer(429, "1"), 5_000)).as("a login call").isEqualTo(5_000);

        RetryPolicy smallCap = new RetryPolicy(3, 100, 300);
        assertThat(smallCap.rateLimitPauseMillis(answer(429, "2"), 1_000)).isEqualTo(1_000);
        assertThat(smallCap.delayAfterAnswer(1, answer(429, "2"))).as("without the governor").isEqualTo(1_000);
        assertThat(smallCap.delayAfterAnswer(3, answer(503, null))).isEqualTo(300);
    }

    @Test
    void gatewayErrorsBackOffDoublingAndStopAfterMaxRetries() {
        assertThat(policy.delayAfterAnswer(1, answer(503, null))).isEqualTo(100);
        assertThat(policy.delayAfterAnswer(2, answer(502, null))).isEqualTo(200);
        assertThat(policy.delayAfterAnswer(3, answer(504, null))).isEqualTo(400);
        assertThat(policy.delayAfterAnswer(4, answer(503, null))).isEqualTo(RetryPolicy.FINAL);
    }

    @Test
    void nothingThatMayHaveBeenProcessedIsRetried() {
        for (int status : new int[] { 200, 400, 401, 404, 500 }) {
            assertThat(policy.delayAfterAnswer(1, answer(status, null))).as("HTTP %d", status).isEqualTo(RetryPolicy.FINAL);
        }
        assertThat(policy.delayAfterFailure(1, new SocketTimeoutException("Read timed out"))).isEqualTo(RetryPolicy.FINAL);
        assertThat(policy.delayAfterFailure(1, new ConnectionClosedException("Connection closed by peer")))
                .isEqualTo(RetryPolicy.FINAL);
    }

    @Test
    void failuresBeforeSendingAreRetriedAndSaySo() {
        RequestNotExecutedException notExecuted = new RequestNotExecutedException();
        assertThat(policy.delayAfterFailure(1, new CompletionException(new ConnectException("refused")))).isEqualTo(100);
        assertThat(policy.delayAfterFailure(1, notExecuted)).isEqualTo(100);

        LivePersonTransportException failure = policy.transportFailure("create", notExecuted, 4);
        assertThat(failure.isRequestSent()).isFalse();
        assertThat(failure.getAttempts()).isEqualTo(4);
        assertThat(policy.transportFailure("create", new SocketTimeoutException("Read timed out"), 1).isRequestSent())
                .isTrue();
    }
}
