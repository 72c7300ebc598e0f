package io.github.lpconnector.camel.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lpconnector.camel.LivePersonAuthenticationException;
import io.github.lpconnector.camel.LivePersonAuthenticationException.Step;
import io.github.lpconnector.camel.LivePersonConnectorConfiguration;
import io.github.lpconnector.camel.LivePersonThrottledException;
import org.apache.camel.util.ObjectHelper;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.core5.http.ContentType;

import static io.github.lpconnector.camel.internal.Protocol.HEADER_AUTHORIZATION;
import static io.github.lpconnector.camel.internal.Protocol.HEADER_CLIENT_PROPERTIES;
import static io.github.lpconnector.camel.internal.Protocol.HEADER_ON_BEHALF;

/**
 * The Connector API over {@link RetryingHttp}: the URLs, bodies and headers of LivePerson's Domain API, Sentinel,
 * IDP, CREATE and SEND calls and of the file storage's upload, and the reading of the auth services' answers. Error texts never carry a token, a
 * secret or a raw answer body.
 */
final class HttpLivePersonClient implements LivePersonClient {

    private static final int MAX_ERROR_LENGTH = 100;

    private final RetryingHttp http;
    private final String accountId;
    private final URI domainApi;
    private final String messagingQuery;
    private final String clientProperties;
    private final Paces paces;
    private final double maxRequestsPerSecond;

    /** @param paces the component's paces, or null without the governor */
    HttpLivePersonClient(LivePersonConnectorConfiguration configuration, RetryingHttp http, Paces paces) {
        this.http = http;
        this.paces = paces;
        this.maxRequestsPerSecond = configuration.getMaxRequestsPerSecond();
        this.accountId = configuration.getAccountId();
        URI baseUri = OptionRules.baseUri(configuration);
        this.domainApi = baseUri != null ? baseUri : URI.create("https://" + configuration.getCsdsDomain());
        this.messagingQuery = "?v=" + configuration.getApiVersion();
        this.clientProperties = ObjectHelper.isNotEmpty(configuration.getClientProperties())
                ? configuration.getClientProperties() : null;
    }

    @Override
    public CompletableFuture<Map<String, String>> serviceHosts() {
        URI uri = URI.create(domainApi + "/api/account/" + accountId + "/service/baseURI.json?version=1.0");
        String where = "the Domain API at " + domainApi.getAuthority();
        return authCall(Step.DOMAIN_LOOKUP, where,
                http.execute("domainLookup", null, loginPace(), () -> SimpleRequestBuilder.get(uri)
                        .addHeader("Accept", "application/json").build()),
                answer -> hosts(answer, where));
    }

    @Override
    public CompletableFuture<String> appJwt(URI sentinel, String clientId, String clientSecret) {
        URI uri = URI.create(sentinel + "/sentinel/api/account/" + accountId
                             + "/app/token?v=1.0&grant_type=client_credentials");
        String form = "client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                      + "&client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        String where = "Sentinel for client id " + clientId + " of account " + accountId;
        return authCall(Step.APP_JWT, where,
                http.execute("appJwt", null, loginPace(), () -> SimpleRequestBuilder.post(uri)
                        .addHeader("Accept", "application/json")
                        .setBody(form, ContentType.APPLICATION_FORM_URLENCODED).build()),
                answer -> token(Step.APP_JWT, answer, "access_token"));
    }

    @Override
    public CompletableFuture<String> consumerJws(URI idp, String appJwt, String extConsumerId) {
        URI uri = URI.create(idp + "/api/account/" + accountId + "/consumer?v=1.0");
        byte[] body = Json.write(Json.MAPPER.createObjectNode().put("ext_consumer_id", extConsumerId));
        String where = "the IDP for consumer '" + extConsumerId + "' of account " + accountId;
        return authCall(Step.CONSUMER_JWS, where,
                http.execute("consumerJws", appJwt, loginPace(), () -> SimpleRequestBuilder.post(uri)
                        .addHeader(HEADER_AUTHORIZATION, appJwt)
                        .setBody(body, ContentType.APPLICATION_JSON).build()),
                answer -> token(Step.CONSUMER_JWS, answer, "token"));
    }

    @Override
    public CompletableFuture<Answer> create(URI messaging, Tokens tokens, byte[] batch) {
        URI uri = URI.create(messaging + "/api/account/" + accountId + "/messaging/consumer/conversation"
                             + messagingQuery);
        return http.execute("create", tokens.appJwt(), messagingPace(messaging),
                () -> messagingRequest(uri, tokens, batch));
    }

    @Override
    public CompletableFuture<Answer> send(URI messaging, Tokens tokens, byte[] request) {
        URI uri = URI.create(messaging + "/api/account/" + accountId + "/messaging/consumer/conversation/send"
                             + messagingQuery);
        return http.execute("send", tokens.appJwt(), messagingPace(messaging),
                () -> messagingRequest(uri, tokens, request));
    }

    private Pace messagingPace(URI messaging) {
        return paces != null ? paces.messaging(accountId, messaging, maxRequestsPerSecond) : null;
    }

    /** One pace for the Domain API, Sentinel and IDP calls of the account: LivePerson limits login-type calls. */
    private Pace loginPace() {
        return paces != null ? paces.login(accountId, domainApi) : null;
    }

    @Override
    public CompletableFuture<Answer> upload(URI fileStorage, String relativePath, String signature, String expires,
                                            byte[] content, String fileType) {
        URI uri = URI.create(fileStorage + relativePath + "?temp_url_sig="
                             + URLEncoder.encode(signature, StandardCharsets.UTF_8) + "&temp_url_expires="
                             + URLEncoder.encode(expires, StandardCharsets.UTF_8));
        ContentType type = "PNG".equals(fileType) ? ContentType.IMAGE_PNG
                : "GIF".equals(fileType) ? ContentType.IMAGE_GIF : ContentType.IMAGE_JPEG;
        return http.execute("upload", null, null, () -> SimpleRequestBuilder.put(uri).setBody(content, type).build());
    }

    private SimpleHttpRequest messagingRequest(URI uri, Tokens tokens, byte[] json) {
        SimpleRequestBuilder request = SimpleRequestBuilder.post(uri)
                .addHeader(HEADER_AUTHORIZATION, tokens.appJwt())
                .addHeader(HEADER_ON_BEHALF, tokens.consumerJws())
                .setBody(json, ContentType.APPLICATION_JSON);
        if (clientProperties != null) {
            request.addHeader(HEADER_CLIENT_PROPERTIES, clientProperties);
        }
        return request.build();
    }

    @Override
    public void close() {
        http.close();
    }

    /** An auth call's value from a 2xx answer; its typed failure for anything else. */
    private static <T> CompletableFuture<T> authCall(Step step, String where, CompletableFuture<Answer> call,
                                                     java.util.function.Function<Answer, T> read) {
        CompletableFuture<T> result = new CompletableFuture<>();
        call.whenComplete((answer, failure) -> {
            try {
                if (failure != null) {
                    Throwable cause = Futures.unwrap(failure);
                    if (cause instanceof LivePersonThrottledException throttled) {
                        throw throttled; // not sent: the account's login pace held it back
                    }
                    throw new LivePersonAuthenticationException(step, 0, null,
                            "no answer from " + where + ": " + cause.getMessage(), cause);
                }
                if (!answer.isSuccess()) {
                    throw new LivePersonAuthenticationException(step, answer.status(), errorOf(answer),
                            where + " refused the call", null);
                }
                result.complete(read.apply(answer));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private Map<String, String> hosts(Answer answer, String where) {
        JsonNode list = object(Step.DOMAIN_LOOKUP, answer).get("baseURIs");
        if (list == null || !list.isArray()) {
            throw new LivePersonAuthenticationException(Step.DOMAIN_LOOKUP, answer.status(), null,
                    "the answer of " + where + " has no baseURIs array", null);
        }
        Map<String, String> hosts = new HashMap<>();
        for (JsonNode entry : list) {
            String service = entry.path("service").asText(null);
            String host = entry.path("baseURI").asText(null);
            if (service != null && host != null && InputRules.isHostAndPort(host)) {
                hosts.putIfAbsent(service, host);
            }
        }
        return Map.copyOf(hosts);
    }

    /** A token as received must be printable ASCII without spaces: it goes into an HTTP header. */
    private static String token(Step step, Answer answer, String field) {
        JsonNode value = object(step, answer).get(field);
        String token = value != null && value.isTextual() ? value.asText() : null;
        if (token == null || token.isEmpty() || token.length() > InputRules.MAX_TOKEN_LENGTH) {
            throw new LivePersonAuthenticationException(step, answer.status(), null, "the answer holds no token", null);
        }
        if (!InputRules.isHeaderSafeToken(token)) {
            throw new LivePersonAuthenticationException(step, answer.status(), null,
                    "the token in the answer has a space, control or non-ASCII character", null);
        }
        return token;
    }

    private static JsonNode object(Step step, Answer answer) {
        try {
            JsonNode node = Json.MAPPER.readTree(answer.body());
            if (node == null || !node.isObject()) {
                throw new LivePersonAuthenticationException(step, answer.status(), null,
                        "the answer is not a JSON object", null);
            }
            return node;
        } catch (IOException e) {
            throw new LivePersonAuthenticationException(step, answer.status(), null,
                    "the answer is not readable JSON", e);
        }
    }

    /** OAuth {@code error}, LivePerson {@code errorCode}/{@code title}, or the Domain API {@code message}. */
    private static String errorOf(Answer answer) {
        try {
            JsonNode node = Json.MAPPER.readTree(answer.body());
            JsonNode details = node != null && node.path("body").isObject() ? node.get("body") : node;
            if (details == null || !details.isObject()) {
                return null;
            }
            for (String field : new String[] { "error", "errorCode", "title", "message" }) {
                JsonNode value = details.get(field);
                if (value != null && (value.isTextual() || value.isNumber())) {
                    String text = value.asText();
                    return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: the status is all there is
        }
        return null;
    }
}
