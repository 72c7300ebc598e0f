package io.github.lpconnector.camel.emulator;

import static io.github.lpconnector.camel.emulator.Reply.MAPPER;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The emulator's own inspection API, for a standalone emulator (tests ask the {@link LiveEngageEmulator} directly):
 * {@code GET /emulator/conversations} lists the conversations, oldest first, {@code GET /emulator/counters} the
 * counters, e.g. {@code {"create 200":3}}; further resources (the webhook side's) are given to the constructor. Never
 * subject to fault injection.
 */
final class AdminHandler extends ServiceHandler {

    private final Supplier<List<EmulatedConversation>> conversations;
    private final Supplier<Map<String, Long>> counters;
    private final Map<String, Supplier<JsonNode>> more;

    AdminHandler(Supplier<List<EmulatedConversation>> conversations, Supplier<Map<String, Long>> counters) {
        this(conversations, counters, Map.of());
    }

    /** @param more further resources by name, e.g. "deliveries" */
    AdminHandler(Supplier<List<EmulatedConversation>> conversations, Supplier<Map<String, Long>> counters,
            Map<String, Supplier<JsonNode>> more) {
        super("emulator", "GET", "/emulator/{resource}");
        this.conversations = conversations;
        this.counters = counters;
        this.more = Map.copyOf(more);
    }

    @Override
    Reply handle(Request request, Map<String, String> pathParams) {
        switch (pathParams.get("resource")) {
            case "conversations":
                ArrayNode list = MAPPER.createArrayNode();
                conversations.get().forEach(c -> list.add(conversationJson(c)));
                return Reply.json(200, list);
            case "counters":
                return Reply.json(200, MAPPER.valueToTree(counters.get()));
            default:
                Supplier<JsonNode> resource = more.get(pathParams.get("resource"));
                return resource != null ? Reply.json(200, resource.get())
                        : Reply.error(404, ErrorCodes.NOT_FOUND, "Not found", "no such resource", null);
        }
    }

    private static ObjectNode conversationJson(EmulatedConversation c) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("conversationId", c.conversationId());
        node.put("accountId", c.accountId());
        node.put("brandId", c.brandId());
        node.put("extConsumerId", c.extConsumerId());
        node.put("lpConsumerId", c.lpConsumerId());
        node.put("state", c.state());
        node.set("request", c.request());
        node.set("userProfile", c.userProfile());
        ArrayNode messages = node.putArray("messages");
        for (EmulatedMessage m : c.messages()) {
            ObjectNode msg = messages.addObject();
            msg.put("sequence", m.sequence());
            msg.put("originatorId", m.originatorId());
            msg.put("role", m.role());
            msg.set("event", m.event());
            msg.put("at", m.at().toString());
        }
        node.put("createdAt", c.createdAt().toString());
        node.put("skillId", c.skillId());
        node.put("assignedAgentId", c.assignedAgentId());
        node.put("closedBy", c.closedBy());
        return node;
    }
}
