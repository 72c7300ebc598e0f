package io.github.lpconnector.camel.inbound;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Posts notifications as LiveEngage does: raw JSON bytes, the account and client headers, the HMAC signature. */
final class WebhookClient {

    private final HttpClient http;
    private final URI uri;
    private final String accountId;
    private final String clientId;
    private final String secret;

    WebhookClient(URI uri, String accountId, String clientId, String secret) {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), uri, accountId, clientId, secret);
    }

    WebhookClient(HttpClient http, URI uri, String accountId, String clientId, String secret) {
        this.http = http;
        this.uri = uri;
        this.accountId = accountId;
        this.clientId = clientId;
        this.secret = secret;
    }

    /** A notification body from {@code src/test/resources/notifications/}, byte for byte. */
    static byte[] resource(String name) throws IOException {
        try (var in = WebhookClient.class.getResourceAsStream("/notifications/" + name)) {
            return in.readAllBytes();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Posts {@code body} signed with the secret. */
    HttpResponse<String> post(byte[] body) throws Exception {
        return post(body, signature(body, secret), accountId);
    }

    HttpResponse<String> post(String body) throws Exception {
        return post(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Posts {@code body} with the given signature header (none when null) and account. */
    HttpResponse<String> post(byte[] body, String signature, String account) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("x-liveperson-client-id", clientId)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (account != null) {
            request.header("x-liveperson-account-id", account);
        }
        if (signature != null) {
            request.header("x-liveperson-signature", signature);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get() throws Exception {
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static String signature(byte[] body, String secret) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return "sha1=" + Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    /** An agent's text in {@code conversationId} with {@code sequence}, as LiveEngage notifies it. */
    static String agentText(String conversationId, long sequence, String text) {
        return "{\"kind\":\"notification\",\"type\":\"ms.MessagingEventNotification\",\"body\":{\"changes\":["
               + agentTextChange(conversationId, sequence, text) + "]}}";
    }

    static String agentTextChange(String conversationId, long sequence, String text) {
        return "{\"sequence\":" + sequence + ",\"originatorId\":\"agent-1\",\"originatorMetadata\":{\"id\":\"agent-1\","
               + "\"role\":\"ASSIGNED_AGENT\"},\"serverTimestamp\":" + (1_700_000_000_000L + sequence)
               + ",\"event\":{\"type\":\"ContentEvent\",\"message\":\"" + text + "\",\"contentType\":\"text/plain\"},"
               + "\"conversationId\":\"" + conversationId + "\",\"dialogId\":\"" + conversationId + "\"}";
    }
}
