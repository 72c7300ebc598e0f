package io.github.lpconnector.camel.emulator;

import static io.github.lpconnector.camel.emulator.Reply.MAPPER;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The webhook side's admin calls:
 * <ul>
 * <li>{@code POST /emulator/webhooks[?retryIntervalMs=N]}, body: an App Installation manifest (or its
 * {@code capabilities.webhooks}): replaces the registrations; answers them as {@code GET /emulator/webhooks}
 * does;</li>
 * <li>{@code POST /emulator/webhook-faults}, body {@code {"refuse":0,"drop":0,"timeout":0,"duplicate":0.2,
 * "reorder":0.1,"seed":7}} (absent shares are 0; seed optional): sets the delivery faults.</li>
 * </ul>
 * {@code GET /emulator/webhooks} and {@code GET /emulator/deliveries} ({@link #deliveriesJson}) are served by the
 * {@link AdminHandler}. Bad input: 400 naming the field, nothing changed.
 */
final class WebhookAdminHandler extends ServiceHandler {

    private static final String[] SHARES = {"refuse", "drop", "timeout", "duplicate", "reorder"};

    private final Webhooks webhooks;

    WebhookAdminHandler(Webhooks webhooks) {
        super("emulator", "POST", "/emulator/webhooks", "/emulator/webhook-faults");
        this.webhooks = webhooks;
    }

    @Override
    Reply handle(Request request, Map<String, String> pathParams) {
        try {
            return request.path().endsWith("/webhooks") ? register(request) : faults(request);
        } catch (IllegalArgumentException e) {
            return Reply.error(400, ErrorCodes.INVALID_FIELD, "Invalid request", e.getMessage(), null);
        }
    }

    private Reply register(Request request) {
        Duration interval = webhooks.registrations().retryInterval();
        String ms = request.query().get("retryIntervalMs");
        if (ms != null) {
            try {
                interval = Duration.ofMillis(Long.parseLong(ms));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("retryIntervalMs must be a number of milliseconds");
            }
        }
        WebhookRegistrations parsed = WebhookManifest.parse(request.bodyText(), interval);
        webhooks.register(parsed);
        return Reply.json(200, registrationsJson(webhooks));
    }

    private Reply faults(Request request) {
        JsonNode body;
        try {
            body = MAPPER.readTree(request.body());
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON");
        }
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("the body must be a JSON object of shares");
        }
        double[] shares = new double[SHARES.length];
        for (int i = 0; i < SHARES.length; i++) {
            JsonNode share = body.path(SHARES[i]);
            if (!share.isMissingNode() && (!share.isNumber() || share.asDouble() < 0 || share.asDouble() > 1)) {
                throw new IllegalArgumentException(SHARES[i] + " must be a number in [0,1]");
            }
            shares[i] = share.asDouble(0);
        }
        if (body.has("seed") && !body.get("seed").isIntegralNumber()) {
            throw new IllegalArgumentException("seed must be an integer");
        }
        WebhookFaults f = webhooks.faults();
        f.refuseShare(shares[0]).dropShare(shares[1]).timeoutShare(shares[2]).duplicateShare(shares[3])
                .reorderShare(shares[4]);
        if (body.has("seed")) {
            f.seed(body.get("seed").asLong());
        }
        ObjectNode out = MAPPER.createObjectNode();
        out.set("shares", MAPPER.valueToTree(f.shares()));
        out.set("injected", MAPPER.valueToTree(f.injected()));
        return Reply.json(200, out);
    }

    /** The GET resources of the webhook side: "webhooks" and "deliveries". */
    static Map<String, Supplier<JsonNode>> resources(Webhooks webhooks) {
        return Map.of("webhooks", () -> registrationsJson(webhooks), "deliveries", () -> deliveriesJson(webhooks));
    }

    /** The registrations as a manifest, plus {@code retryIntervalMs}. */
    static JsonNode registrationsJson(Webhooks webhooks) {
        ObjectNode node = WebhookManifest.toJson(webhooks.registrations());
        node.put("retryIntervalMs", webhooks.registrations().retryInterval().toMillis());
        return node;
    }

    /** {@code {"pending":n,"counters":{..},"attempts":[{..WebhookDelivery..}]}}. */
    static JsonNode deliveriesJson(Webhooks webhooks) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("pending", webhooks.pending());
        node.set("counters", MAPPER.valueToTree(webhooks.counters()));
        ArrayNode attempts = node.putArray("attempts");
        for (WebhookDelivery d : webhooks.deliveries()) {
            ObjectNode a = attempts.addObject();
            a.put("notificationId", d.notificationId());
            a.put("type", d.type());
            a.put("conversationId", d.conversationId());
            a.put("sequence", d.sequence());
            a.put("attempt", d.attempt());
            a.put("endpoint", d.endpoint());
            a.put("status", d.status());
            a.put("failure", d.failure());
            a.put("fault", d.fault());
            a.put("delivered", d.delivered());
            a.put("at", d.at().toString());
        }
        return node;
    }
}
