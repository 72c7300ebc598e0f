package io.github.lpconnector.camel.emulator;

import static io.github.lpconnector.camel.emulator.Reply.MAPPER;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Sentinel's token endpoint: {@code POST /sentinel/api/account/{account}/app/token?v=1.0} with
 * {@code grant_type=client_credentials}, {@code client_id} and {@code client_secret} in the form body (documented) or
 * the query string (older docs; the body wins) answers {@code {"access_token":<AppJWT>,"token_type":"Bearer"}}, no
 * {@code expires_in} (as documented). Errors use an OAuth2 body {@code {"error":..,"error_description":..}}
 * (LivePerson's are undocumented).
 */
final class SentinelHandler extends ServiceHandler {

    private final Tokens tokens;
    private final String clientId;
    private final String clientSecret;
    private final Duration appJwtTtl;

    SentinelHandler(Tokens tokens, String clientId, String clientSecret, Duration appJwtTtl) {
        super("sentinel", "POST", "/sentinel/api/account/{account}/app/token");
        this.tokens = tokens;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.appJwtTtl = appJwtTtl;
    }

    @Override
    Reply handle(Request request, Map<String, String> pathParams) {
        if (!"1.0".equals(request.query().get("v"))) {
            return Reply.oauthError(400, "invalid_request", "v must be 1.0");
        }
        Map<String, String> params = new HashMap<>(request.query());
        params.putAll(Request.parseForm(request.bodyText()));
        String grant = params.get("grant_type");
        if (grant == null) {
            return Reply.oauthError(400, "invalid_request", "grant_type is missing");
        }
        if (!"client_credentials".equals(grant)) {
            return Reply.oauthError(400, "unsupported_grant_type", "grant_type must be client_credentials");
        }
        if (!clientId.equals(params.get("client_id")) || !clientSecret.equals(params.get("client_secret"))) {
            return Reply.oauthError(401, "invalid_client", "wrong client_id or client_secret");
        }
        ObjectNode node = MAPPER.createObjectNode();
        node.put("access_token", tokens.issueAppJwt(pathParams.get("account"), clientId, appJwtTtl));
        node.put("token_type", "Bearer");
        return Reply.json(200, node);
    }
}
