package io.github.lpconnector.camel.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Plain java.net.http client for the emulator tests. */
final class EmulatorClient {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final LiveEngageEmulator emulator;

    EmulatorClient(LiveEngageEmulator emulator) {
        this.emulator = emulator;
    }

    record Answer(int status, JsonNode json, HttpResponse<String> response) {
        JsonNode item(String reqId) {
            for (JsonNode n : json) {
                if (reqId.equals(n.path("reqId").asText())) {
                    return n;
                }
            }
            throw new AssertionError("no answer for reqId " + reqId + " in " + json);
        }

        int errorCode() {
            return json.path("body").path("errorCode").asInt();
        }
    }

    Answer get(String pathAndQuery) {
        return call(HttpRequest.newBuilder(URI.create(emulator.baseUri() + pathAndQuery)).GET());
    }

    Answer postForm(String pathAndQuery, String form) {
        return call(HttpRequest.newBuilder(URI.create(emulator.baseUri() + pathAndQuery))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    Answer idp(String account, String appJwt, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emulator.baseUri() + "/api/account/" + account
                + "/consumer?v=1.0")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (appJwt != null) {
            b.header("Authorization", appJwt);
        }
        return call(b);
    }

    HttpRequest.Builder createRequest(String account, String appJwt, String jws, String body) {
        return sendApiRequest("/api/account/" + account + "/messaging/consumer/conversation?v=3", appJwt, jws, body);
    }

    HttpRequest.Builder sendRequest(String account, String appJwt, String jws, String body) {
        return sendApiRequest("/api/account/" + account + "/messaging/consumer/conversation/send?v=3", appJwt, jws,
                body);
    }

    HttpRequest.Builder sendApiRequest(String pathAndQuery, String appJwt, String jws, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emulator.baseUri() + pathAndQuery))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (appJwt != null) {
            b.header("Authorization", appJwt);
        }
        if (jws != null) {
            b.header("X-LP-ON-BEHALF", jws);
        }
        return b;
    }

    /** CREATE as consumer {@code ext} of {@code account} with emulator-issued tokens. */
    Answer create(String account, String ext, String body) {
        return call(createRequest(account, emulator.issueAppJwt(account), emulator.issueConsumerJws(account, ext),
                body));
    }

    Answer send(String account, String ext, String body) {
        return call(sendRequest(account, emulator.issueAppJwt(account), emulator.issueConsumerJws(account, ext),
                body));
    }

    /** CREATE and return the new conversation id (fails if none). */
    String open(String account, String ext, String firstMessage) {
        Answer a = create(account, ext, createBody(account, firstMessage));
        if (a.status() != 200) {
            throw new AssertionError("CREATE failed: " + a.response().body());
        }
        String id = a.item("c2").path("body").path("conversationId").asText(null);
        if (id == null) {
            throw new AssertionError("no conversationId: " + a.response().body());
        }
        return id;
    }

    static Answer call(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.body().isEmpty() ? MAPPER.nullNode() : MAPPER.readTree(r.body());
            return new Answer(r.statusCode(), json, r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String profile(String id) {
        return "{\"kind\":\"req\",\"id\":\"" + id + "\",\"type\":\"userprofile.SetUserProfile\","
                + "\"body\":{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\"}}";
    }

    static String requestConversation(String id, String brandId) {
        return "{\"kind\":\"req\",\"id\":\"" + id + "\",\"type\":\"cm.ConsumerRequestConversation\","
                + "\"body\":{\"brandId\":\"" + brandId + "\",\"channelType\":\"MESSAGING\",\"skillId\":\"-1\"}}";
    }

    static String publishText(String id, String text) {
        return "{\"kind\":\"req\",\"id\":\"" + id + "\",\"type\":\"ms.PublishEvent\",\"body\":{\"event\":"
                + "{\"type\":\"ContentEvent\",\"contentType\":\"text/plain\",\"message\":\"" + text + "\"}}}";
    }

    /** Ids "c1" (profile), "c2" (conversation), "c3" (first message, when given). */
    static String createBody(String account, String firstMessage) {
        return "[" + profile("c1") + "," + requestConversation("c2", account)
                + (firstMessage == null ? "" : "," + publishText("c3", firstMessage)) + "]";
    }

    static String publish(String id, String conversationId, String eventJson) {
        return "{\"kind\":\"req\",\"id\":\"" + id + "\",\"type\":\"ms.PublishEvent\",\"body\":{\"dialogId\":\""
                + conversationId + "\",\"event\":" + eventJson + "}}";
    }

    static String close(String id, String conversationId) {
        return "{\"kind\":\"req\",\"id\":\"" + id + "\",\"type\":\"cm.UpdateConversationField\",\"body\":"
                + "{\"conversationId\":\"" + conversationId + "\",\"conversationField\":"
                + "{\"field\":\"ConversationStateField\",\"conversationState\":\"CLOSE\"}}}";
    }
}
