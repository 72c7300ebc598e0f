package io.github.lpconnector.camel.emulator;

import static io.github.lpconnector.camel.emulator.Reply.MAPPER;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The IDP: {@code POST /api/account/{account}/consumer?v=1.0} with the AppJWT as {@code Authorization} and
 * {@code {"ext_consumer_id":..}} answers 201 {@code {"token":<ConsumerJWS>}}, the same token for the same consumer.
 * <p>
 * The query {@code v} may be left out: LivePerson documents {@code v=1.0} (DC Authorization/GetConsumerJWS.md) but
 * not that it is required, and a published client omits it. Another value of {@code v} is 400.
 */
final class IdpHandler extends ServiceHandler {

    private final Tokens tokens;
    private final AppJwtCheck appJwt;

    IdpHandler(Tokens tokens, AppJwtCheck appJwt) {
        super("idp", "POST", "/api/account/{account}/consumer");
        this.tokens = tokens;
        this.appJwt = appJwt;
    }

    @Override
    Reply handle(Request request, Map<String, String> pathParams) {
        String account = pathParams.get("account");
        String version = request.query().get("v");
        if (version != null && !"1.0".equals(version)) {
            return Reply.error(400, ErrorCodes.INVALID_VERSION, "Invalid parameter", "v must be 1.0", null);
        }
        Reply refusal = appJwt.refusal(request.header("Authorization"), account);
        if (refusal != null) {
            return refusal;
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(request.body());
        } catch (IOException e) {
            return Reply.error(400, ErrorCodes.MALFORMED_REQUEST, "Invalid request", "malformed JSON", null);
        }
        JsonNode ext = root == null ? null : root.get("ext_consumer_id");
        if (ext == null || !ext.isTextual() || ext.asText().isBlank()) {
            return Reply.error(400, ErrorCodes.MISSING_PARAMETER, "Missing parameter", "ext_consumer_id is missing",
                    null);
        }
        ObjectNode node = MAPPER.createObjectNode();
        node.put("token", tokens.issueConsumerJws(account, ext.asText()));
        return Reply.json(201, node);
    }
}
