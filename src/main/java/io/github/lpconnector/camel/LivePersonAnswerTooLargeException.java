package io.github.lpconnector.camel;

/**
 * LivePerson's answer (or whatever answered in its place) was larger than the component reads: it was refused, not
 * buffered. The request was sent, so it may have been processed.
 */
public class LivePersonAnswerTooLargeException extends LivePersonTransportException {

    private final long limit;

    public LivePersonAnswerTooLargeException(String message, long limit, int attempts, Throwable cause) {
        super(message, true, false, attempts, cause);
        this.limit = limit;
    }

    /** The most bytes of an answer the component reads. */
    public long getLimit() {
        return limit;
    }
}
