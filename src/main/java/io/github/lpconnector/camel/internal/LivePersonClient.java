package io.github.lpconnector.camel.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

import io.github.lpconnector.camel.LivePersonAuthenticationException;
import io.github.lpconnector.camel.LivePersonConnectorConfiguration;
import io.github.lpconnector.camel.LivePersonTransportException;
import org.apache.camel.CamelContext;

/**
 * What the component asks of LivePerson: the hosts of an account's services, an AppJWT, a ConsumerJWS, the two
 * messaging calls (CREATE and SEND) and the upload of a shared file. Every call is asynchronous; none holds a thread while it waits.
 * <p>
 * The auth calls complete with their value or fail with {@link LivePersonAuthenticationException}; the messaging
 * calls complete with LivePerson's answer whatever its status, or fail with {@link LivePersonTransportException}
 * when no answer came, or with {@link io.github.lpconnector.camel.LivePersonThrottledException} when the account's
 * pace held the call back. Retries of 429/502/503/504 and of connections refused before sending happen inside.
 */
public interface LivePersonClient extends AutoCloseable {

    /** The two tokens of a messaging call: {@code Authorization} and {@code X-LP-ON-BEHALF}. */
    record Tokens(String appJwt, String consumerJws) {

        @Override
        public String toString() {
            return "Tokens[xxxxxx]";
        }
    }

    /**
     * One answer from LivePerson, fully read.
     *
     * @param status            the HTTP status
     * @param reasonPhrase      the reason phrase, may be empty
     * @param body              the raw body (never null)
     * @param retryAfterSeconds {@code Retry-After} in seconds, or null when absent or not a number of seconds
     * @param attempts          how many attempts the call took, the first included
     */
    record Answer(int status, String reasonPhrase, byte[] body, Long retryAfterSeconds, int attempts) {

        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        Answer afterAttempts(int attempts) {
            return new Answer(status, reasonPhrase, body, retryAfterSeconds, attempts);
        }

        /** A {@code Retry-After} value in seconds; null for an HTTP date or anything else. */
        static Long seconds(String retryAfter) {
            try {
                long seconds = Long.parseLong(retryAfter.trim());
                return seconds >= 0 ? seconds : null;
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** The Domain API's hosts of the account's services, by service name. */
    CompletableFuture<Map<String, String>> serviceHosts();

    /** An AppJWT from Sentinel for the client credentials. */
    CompletableFuture<String> appJwt(URI sentinel, String clientId, String clientSecret);

    /** A ConsumerJWS from the IDP for {@code extConsumerId}, asked with {@code appJwt}. */
    CompletableFuture<String> consumerJws(URI idp, String appJwt, String extConsumerId);

    /** Posts a CREATE batch. */
    CompletableFuture<Answer> create(URI messaging, Tokens tokens, byte[] batch);

    /** Posts one SEND request. */
    CompletableFuture<Answer> send(URI messaging, Tokens tokens, byte[] request);

    /**
     * PUTs a file's bytes to the file storage ({@code swift}) at the temporary URL an {@code ms.GenerateURLForUploadFile}
     * answer gave: {@code {fileStorage}{relativePath}?temp_url_sig=..&temp_url_expires=..}. Completes with the answer
     * whatever its status (201 when stored, 401 for an invalid or expired URL); the URL is its own credential.
     */
    CompletableFuture<Answer> upload(URI fileStorage, String relativePath, String signature, String expires,
                                     byte[] content, String fileType);

    @Override
    void close();

    /**
     * {@code baseUri} without a trailing slash, or null when unset (then every call goes to https at the account's
     * hosts).
     */
    static URI baseUri(LivePersonConnectorConfiguration configuration) {
        return OptionRules.baseUri(configuration);
    }

    /** True for a plain-http base URI to a host that is not this machine: the tokens would travel unencrypted. */
    static boolean isPlainHttpOffThisMachine(URI base) {
        return OptionRules.isPlainHttpOffThisMachine(base);
    }

    /**
     * The Apache HttpClient 5 client of an endpoint: its own connection pool and I/O threads, retries and request
     * deadlines on {@code scheduler} (a scheduler of the Camel context's), each call reported to {@code statistics}
     * and, when {@code governed}, sent at its account's pace, which every endpoint of the context shares.
     */
    static LivePersonClient http(LivePersonConnectorConfiguration configuration, CamelContext context,
                                 ScheduledExecutorService scheduler, CallStatistics statistics, boolean governed)
            throws Exception {
        return new HttpLivePersonClient(configuration,
                RetryingHttp.create(configuration, context, scheduler, statistics),
                governed ? Paces.of(context) : null);
    }
}
