package io.github.lpconnector.camel.internal;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

import io.github.lpconnector.camel.LivePersonAnswerTooLargeException;
import io.github.lpconnector.camel.LivePersonTransportException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.RequestNotExecutedException;

/**
 * Decides whether a failed call is tried again, and after how long. Only what cannot have been processed twice is
 * retried: 429 and 502/503/504 answers, and connections that failed before the request was sent. A 500, a 4xx, and
 * a timeout or drop after the request was sent are final, because CREATE is not idempotent.
 *
 * @param maxRetries    retries after the first attempt; 0 disables retries
 * @param retryDelay    delay before the first retry in milliseconds, doubled for each further retry
 * @param maxRetryDelay cap on any delay, {@code Retry-After} included; a 429 still waits at least 1 s
 */
record RetryPolicy(int maxRetries, long retryDelay, long maxRetryDelay) {

    /** No retry: the value returned when the call is final. */
    static final long FINAL = -1;

    /**
     * @param  attempts how many attempts were made so far (1 after the first)
     * @return          the delay in milliseconds before the next attempt, or {@link #FINAL}
     */
    long delayAfterAnswer(int attempts, LivePersonClient.Answer answer) {
        if (attempts > maxRetries) {
            return FINAL;
        }
        int status = answer.status();
        if (status == 429) {
            Long retryAfter = answer.retryAfterSeconds();
            long wanted = retryAfter != null ? retryAfter * 1000 : backoff(attempts);
            // the cap applies first: LivePerson's 1 s floor after a 429 wins over a smaller maxRetryDelay
            return Math.max(Math.min(wanted, maxRetryDelay), Protocol.MIN_RATE_LIMIT_DELAY_MILLIS);
        }
        if (status == 502 || status == 503 || status == 504) {
            return backoff(attempts);
        }
        return FINAL;
    }

    /**
     * How long a 429 pauses the account's pace: its {@code Retry-After} (the floor when it has none), capped at
     * {@code maxRetryDelay}, and never below {@code floorMillis}: LivePerson's floor wins over a smaller cap.
     */
    long rateLimitPauseMillis(LivePersonClient.Answer answer, long floorMillis) {
        Long retryAfter = answer.retryAfterSeconds();
        long wanted = retryAfter == null ? floorMillis
                : retryAfter < Long.MAX_VALUE / 1000 ? retryAfter * 1000 : Long.MAX_VALUE;
        return Math.max(Math.min(wanted, maxRetryDelay), floorMillis);
    }

    /** As {@link #delayAfterAnswer} for a call that got no answer. */
    long delayAfterFailure(int attempts, Throwable failure) {
        if (attempts > maxRetries || !beforeSending(Futures.unwrap(failure))) {
            return FINAL;
        }
        return backoff(attempts);
    }

    private long backoff(int attempts) {
        long delay = retryDelay << Math.min(attempts - 1, 20);
        return Math.min(delay, maxRetryDelay);
    }

    /** The typed exception for a call that got no answer. */
    LivePersonTransportException transportFailure(String operation, Throwable failure, int attempts) {
        Throwable cause = Futures.unwrap(failure);
        if (cause instanceof BoundedAnswerConsumer.AnswerTooLargeException tooLarge) {
            return new LivePersonAnswerTooLargeException("LivePerson " + operation + " failed: the answer was refused,"
                                                         + " it is larger than " + tooLarge.maxBytes() + " bytes",
                    tooLarge.maxBytes(), attempts, cause);
        }
        if (cause instanceof SSLHandshakeException || cause instanceof SSLPeerUnverifiedException) {
            return new LivePersonTransportException("LivePerson " + operation + " failed: TLS handshake refused (the"
                                                    + " server certificate is not trusted or not for this host; see"
                                                    + " sslContextParameters) (" + cause.getClass().getSimpleName() + ")",
                    false, false, attempts, cause);
        }
        boolean sent = !beforeSending(cause);
        boolean timeout = cause instanceof InterruptedIOException;
        String what = timeout ? (sent ? "no answer within the request timeout" : "connect timeout")
                : sent ? "connection lost after the request was sent" : "could not connect";
        return new LivePersonTransportException("LivePerson " + operation + " failed: " + what
                                                + (attempts > 1 ? " after " + attempts + " attempts" : "")
                                                + " (" + cause.getClass().getSimpleName() + ")",
                sent, timeout, attempts, cause);
    }

    /** True for failures that happened before any byte of the request left: safe to retry. */
    private static boolean beforeSending(Throwable cause) {
        return cause instanceof ConnectException || cause instanceof ConnectTimeoutException
               || cause instanceof UnknownHostException || cause instanceof NoRouteToHostException
               // HttpClient's word that the request never left (e.g. a pooled connection found closed)
               || cause instanceof RequestNotExecutedException
               || (cause instanceof SocketTimeoutException && cause.getMessage() != null
                   && cause.getMessage().contains("Connect"));
    }
}
