package io.github.lpconnector.camel.emulator;

import static io.github.lpconnector.camel.emulator.Reply.MAPPER;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Tokens by hand, for a standalone emulator (tests call {@link LiveEngageEmulator#issueAppJwt} and
 * {@link LiveEngageEmulator#issueConsumerJws} directly):
 * <ul>
 * <li>{@code GET /emulator/tokens/app-jwt?account=A}: {@code {"token":<AppJWT>}}, as Sentinel would issue it for the
 * emulator's client credentials (same lifetime);</li>
 * <li>{@code GET /emulator/tokens/consumer-jws?account=A&ext_consumer_id=X}: {@code {"token":<ConsumerJWS>,
 * "lp_consumer_id":..}}, as the IDP would issue it.</li>
 * </ul>
 * Any account id is accepted, as everywhere in the emulator; a token is valid only for its account. Never subject to
 * fault injection.
 */
final class TokenAdminHandler extends ServiceHandler {

    private final LiveEngageEmulator emulator;

    TokenAdminHandler(LiveEngageEmulator emulator) {
        super("emulator", "GET", "/emulator/tokens/{kind}");
        this.emulator = emulator;
    }

    @Override
    Reply handle(Request request, Map<String, String> pathParams) {
        String account = request.query().get("account");
        if (account == null || account.isBlank()) {
            return Reply.error(400, ErrorCodes.MISSING_PARAMETER, "Missing parameter", "account is missing", null);
        }
        ObjectNode answer = MAPPER.createObjectNode();
        switch (pathParams.get("kind")) {
            case "app-jwt" -> answer.put("token", emulator.issueAppJwt(account));
            case "consumer-jws" -> {
                String consumer = request.query().get("ext_consumer_id");
                if (consumer == null || consumer.isBlank()) {
                    return Reply.error(400, ErrorCodes.MISSING_PARAMETER, "Missing parameter",
                            "ext_consumer_id is missing", null);
                }
                answer.put("token", emulator.issueConsumerJws(account, consumer));
                answer.put("lp_consumer_id", emulator.lpConsumerId(account, consumer));
            }
            default -> {
                return Reply.error(404, ErrorCodes.NOT_FOUND, "Not found", "tokens are app-jwt or consumer-jws", null);
            }
        }
        return Reply.json(200, answer);
    }
}
