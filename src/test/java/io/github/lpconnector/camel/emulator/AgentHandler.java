package io.github.lpconnector.camel.emulator;

import static io.github.lpconnector.camel.emulator.Reply.MAPPER;

import java.io.IOException;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The agent over HTTP: {@code POST /emulator/agent/{conversationId}/{action}} with a JSON object body (may be empty),
 * optional {@code "agentId"} (default: {@link EmulatedAgent#DEFAULT_ID}). Actions and their fields:
 * {@code accept}; {@code text} {@code {"text"}}; {@code rich-content} {@code {"content":{..}}}; {@code file}
 * {@code {"relativePath","fileType","caption"?}}; {@code chat-state} {@code {"chatState"}} (default COMPOSING);
 * {@code read} {@code {"sequences":[..]}} (default: every unacknowledged consumer message); {@code transfer}
 * {@code {"skillId"}} or {@code {"toAgentId"}}; {@code close}.
 * <p>
 * Answers 200 {@code {"conversationId","agentId","action","sequence"?}}; 400 for a bad field, 404 for an unknown
 * conversation or action, 409 when the conversation is closed or the agent not assigned to it.
 */
final class AgentHandler extends ServiceHandler {

    private final Function<String, EmulatedAgent> agents;

    AgentHandler(Function<String, EmulatedAgent> agents) {
        super("emulator", "POST", "/emulator/agent/{conversationId}/{action}");
        this.agents = agents;
    }

    @Override
    Reply handle(Request request, Map<String, String> pathParams) {
        String conversationId = pathParams.get("conversationId");
        String action = pathParams.get("action");
        try {
            JsonNode body = body(request);
            EmulatedAgent agent = agents.apply(body.path("agentId").asText(EmulatedAgent.DEFAULT_ID));
            ObjectNode out = MAPPER.createObjectNode();
            out.put("conversationId", conversationId);
            out.put("agentId", agent.id());
            out.put("action", action);
            Long sequence = act(agent, conversationId, action, body);
            if (sequence != null) {
                out.put("sequence", sequence);
            }
            return Reply.json(200, out);
        } catch (NoSuchElementException e) {
            return Reply.error(404, ErrorCodes.NOT_FOUND, "Not found", e.getMessage(), null);
        } catch (IllegalStateException e) {
            return Reply.error(409, ErrorCodes.CONFLICT, "Conflict", e.getMessage(), null);
        } catch (IllegalArgumentException e) {
            return Reply.error(400, ErrorCodes.INVALID_FIELD, "Invalid request", e.getMessage(), null);
        }
    }

    /** @return the sequence of the agent's event, null for acts without one */
    private static Long act(EmulatedAgent agent, String conversationId, String action, JsonNode body) {
        switch (action) {
            case "accept":
                agent.accept(conversationId);
                return null;
            case "text":
                return agent.say(conversationId, text(body, "text"));
            case "rich-content":
                return agent.sendRichContent(conversationId, body.get("content"));
            case "file":
                return agent.sendFile(conversationId, text(body, "relativePath"), text(body, "fileType"),
                        body.path("caption").isTextual() ? body.get("caption").asText() : null);
            case "chat-state":
                agent.chatState(conversationId, body.path("chatState").asText("COMPOSING"));
                return null;
            case "read":
                return read(agent, conversationId, body.get("sequences"));
            case "transfer":
                if (body.path("toAgentId").isTextual()) {
                    agent.transferToAgent(conversationId, body.get("toAgentId").asText());
                } else {
                    agent.transferToSkill(conversationId, text(body, "skillId"));
                }
                return null;
            case "close":
                agent.close(conversationId);
                return null;
            default:
                throw new NoSuchElementException("no agent action '" + action + "' (accept, text, rich-content, file,"
                        + " chat-state, read, transfer, close)");
        }
    }

    private static long read(EmulatedAgent agent, String conversationId, JsonNode sequences) {
        if (sequences == null) {
            return agent.read(conversationId);
        }
        if (!sequences.isArray()) {
            throw new IllegalArgumentException("sequences must be an array of integers");
        }
        long[] list = new long[sequences.size()];
        for (int i = 0; i < list.length; i++) {
            if (!sequences.get(i).isIntegralNumber()) {
                throw new IllegalArgumentException("sequences must be an array of integers");
            }
            list[i] = sequences.get(i).asLong();
        }
        return agent.read(conversationId, list);
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException(field + " (a string) is missing");
        }
        return value.asText();
    }

    private static JsonNode body(Request request) {
        if (request.body().length == 0) {
            return MAPPER.createObjectNode();
        }
        try {
            JsonNode body = MAPPER.readTree(request.body());
            if (body != null && body.isObject()) {
                return body;
            }
        } catch (IOException e) {
            // answered below
        }
        throw new IllegalArgumentException("the body must be a JSON object");
    }
}
