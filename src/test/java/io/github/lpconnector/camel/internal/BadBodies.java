package io.github.lpconnector.camel.internal;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A seeded generator of bodies that {@code liveperson-connector:create} must refuse. Each case says which field the
 * {@code LivePersonValidationException} must name; {@code position} cases (unreadable JSON) must also say where.
 */
final class BadBodies {

    /**
     * One bad body.
     *
     * @param category what kind of bad it is
     * @param body     what the route hands the producer
     * @param field    the field the validation error must name
     * @param position true when the error must give a line and column (unreadable JSON) or a byte offset
     */
    record Case(String category, Object body, String field, boolean position) {
    }

    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> TOP_LEVEL = List.of("userProfile", "conversation", "message");
    private static final List<String> EVENT_TYPES = List.of("ContentEvent", "RichContentEvent", "ChatStateEvent",
            "AcceptStatusEvent");
    private static final String[] BATCH_TYPES = { "userprofile.SetUserProfile", "cm.ConsumerRequestConversation",
            "ms.PublishEvent" };

    private final Random random;

    BadBodies(long seed) {
        this.random = new Random(seed);
    }

    /** The categories, each with its weight out of 1000. */
    private final List<Map.Entry<Integer, Supplier<Case>>> categories = List.of(
            Map.entry(140, this::truncated),
            Map.entry(140, this::invalidJson),
            Map.entry(200, this::wrongTypeObjectForm),
            Map.entry(150, this::wrongTypeBatchForm),
            Map.entry(70, this::missingOrExtraPayload),
            Map.entry(50, this::wrongOrder),
            Map.entry(10, this::hugeString),
            Map.entry(40, this::deepNesting),
            Map.entry(60, this::nulls),
            Map.entry(60, this::nonUtf8),
            Map.entry(40, this::unknownEventType),
            Map.entry(40, this::wrongJavaType));

    Case next() {
        int pick = random.nextInt(1000);
        for (Map.Entry<Integer, Supplier<Case>> category : categories) {
            pick -= category.getKey();
            if (pick < 0) {
                return category.getValue().get();
            }
        }
        return wrongJavaType();
    }

    // ---- valid starting points --------------------------------------------------------------------------------

    private ObjectNode validObjectForm() {
        ObjectNode body = NODES.objectNode();
        ObjectNode profile = body.putObject("userProfile");
        profile.put("firstName", word());
        profile.putObject("privateData").put("mail", word() + "@example.com");
        ObjectNode conversation = body.putObject("conversation");
        conversation.put("brandId", "12345678");
        conversation.put("skillId", random.nextBoolean() ? "12" : "-1");
        conversation.put("ttrDefName", "NORMAL");
        conversation.putObject("campaignInfo").put("campaignId", "99").put("engagementId", "98");
        conversation.putObject("conversationContext").put("type", "SharkContext");
        ObjectNode message = NODES.objectNode().put("type", "ContentEvent").put("contentType", "text/plain")
                .put("message", "hello " + word());
        if (random.nextBoolean()) {
            body.set("message", message);
        } else {
            body.put("message", "hello " + word());
        }
        return body;
    }

    private ArrayNode validBatch() {
        ArrayNode batch = NODES.arrayNode();
        batch.addObject().put("kind", "req").put("id", "p" + random.nextInt(1000)).put("type", BATCH_TYPES[0])
                .putObject("body").put("firstName", word());
        batch.addObject().put("kind", "req").put("id", "c" + random.nextInt(1000)).put("type", BATCH_TYPES[1])
                .putObject("body").put("brandId", "12345678");
        batch.addObject().put("kind", "req").put("id", "m" + random.nextInt(1000)).put("type", BATCH_TYPES[2])
                .putObject("body").putObject("event").put("type", "ContentEvent").put("contentType", "text/plain")
                .put("message", "hi " + word());
        return batch;
    }

    private JsonNode validAny() {
        return random.nextBoolean() ? validObjectForm() : validBatch();
    }

    // ---- categories -------------------------------------------------------------------------------------------

    private Case truncated() {
        String text = validAny().toString();
        String cut = text.substring(0, 1 + random.nextInt(text.length() - 1));
        return new Case("truncated JSON", asTextOrBytes(cut), "body", true);
    }

    private Case invalidJson() {
        String text = validAny().toString();
        String bad = switch (random.nextInt(11)) {
            case 0 -> text.replaceFirst("\"(userProfile|kind)\"", "$1"); // unquoted key
            case 1 -> text.replace('"', '\''); // single quotes
            case 2 -> text.substring(0, text.length() - 1) + "," + text.charAt(text.length() - 1); // trailing comma
            case 3 -> text + pick(List.of("}", "]", "x", "{}", "1", ",{}", "null", "\"\"")); // trailing content
            case 4 -> inGreeting(text, "\u0001"); // raw control character in a string
            case 5 -> inGreeting(text, "\\x"); // bad escape \x
            case 6 -> text.replaceFirst("\"12345678\"", pick(List.of("012", "NaN", "+1", ".5", "1.", "0x1F", "Infinity")));
            case 7 -> insertAt(text, structuralIndex(text) + 1, pick(List.of("/*c*/", "//c\n", "#c\n")));
            case 8 -> text.startsWith("{") ? "{\"message\":\"a\"," + text.substring(1) + "" : "[" + text.substring(1, text.length() - 1) + ",]";
            case 9 -> text.replaceFirst("\":", "\"");
            default -> insertAt(text, Math.max(1, structuralIndex(text)), pick(List.of("@", ";", "=", "\\", ")", "'")));
        };
        if (bad.startsWith("{\"message\":\"a\",") && !text.contains("\"message\"")) {
            bad = "{\"message\":\"a\",\"message\":\"b\"}";
        }
        return new Case("invalid JSON", asTextOrBytes(bad), "body", true);
    }

    private Case wrongTypeObjectForm() {
        ObjectNode body = validObjectForm();
        // path -> wrong values that must be refused there
        List<Object[]> table = List.of(
                new Object[] { "userProfile", notObject() },
                new Object[] { "userProfile." + pick(List.of("firstName", "lastName", "userId", "avatarUrl", "role",
                        "backgndImgUri", "description")), notText() },
                new Object[] { "userProfile." + pick(List.of("privateData", "authenticatedData")), notObject() },
                new Object[] { "conversation", notObject() },
                new Object[] { "conversation.brandId", random.nextBoolean() ? notText() : NODES.textNode(pick(List.of("", " ", "\t"))) },
                new Object[] { "conversation.skillId", notId() },
                new Object[] { "conversation.ttrDefName", random.nextBoolean() ? notText()
                        : NODES.textNode(pick(List.of("normal", "SOON", "", "URGENT ", "CUSTOM\n"))) },
                new Object[] { "conversation.channelType", notText() },
                new Object[] { "conversation.campaignInfo", notObject() },
                new Object[] { "conversation.campaignInfo." + pick(List.of("campaignId", "engagementId")), notId() },
                new Object[] { "conversation.conversationContext", notObject() },
                new Object[] { "message", pick(List.of(NODES.numberNode(1), NODES.booleanNode(true), NODES.arrayNode(),
                        NODES.textNode(""), NODES.textNode("   "))) },
                new Object[] { "message.type", pick(List.of(NODES.numberNode(1), NODES.arrayNode(), NODES.objectNode(),
                        NODES.booleanNode(false))) },
                new Object[] { "message.message", pick(List.of(NODES.numberNode(7), NODES.booleanNode(true),
                        NODES.arrayNode(), NODES.textNode(""), NODES.textNode(" \n "))) });
        Object[] row = table.get(random.nextInt(table.size()));
        String path = (String) row[0];
        if (path.startsWith("message.")) {
            body.set("message", NODES.objectNode().put("type", "ContentEvent").put("message", "hi"));
        }
        set(body, path, (JsonNode) row[1]);
        return new Case("wrong type at a field", represent(body), path, false);
    }

    private Case wrongTypeBatchForm() {
        ArrayNode batch = validBatch();
        int i = random.nextInt(3);
        String at = "batch[" + i + "]";
        ObjectNode request = (ObjectNode) batch.get(i);
        return switch (random.nextInt(8)) {
            case 0 -> {
                batch.set(i, notObject());
                yield new Case("wrong type in a batch", represent(batch), at, false);
            }
            case 1 -> {
                request.set("kind", pick(List.of(NODES.textNode("res"), NODES.numberNode(1), NODES.textNode("REQ"),
                        NODES.arrayNode())));
                yield new Case("wrong type in a batch", represent(batch), at + ".kind", false);
            }
            case 2 -> {
                if (random.nextBoolean()) {
                    request.remove("id");
                } else {
                    request.set("id", pick(List.of(NODES.numberNode(1.5), NODES.textNode(""), NODES.objectNode(),
                            NODES.textNode("x".repeat(65)), NODES.booleanNode(true))));
                }
                yield new Case("wrong type in a batch", represent(batch), at + ".id", false);
            }
            case 3 -> {
                // ids may repeat (LivePerson's campaign-routing example) and be integers, not fractions
                request.set("id", NODES.numberNode(random.nextInt(1000) + 0.5));
                yield new Case("fractional id", represent(batch), at + ".id", false);
            }
            case 4 -> {
                if (random.nextBoolean()) {
                    request.remove("type");
                } else {
                    request.set("type", pick(List.of(NODES.numberNode(3), NODES.arrayNode(), NODES.objectNode())));
                }
                yield new Case("wrong type in a batch", represent(batch), at + ".type", false);
            }
            case 5 -> {
                if (random.nextBoolean()) {
                    request.remove("body");
                } else {
                    request.set("body", notObject());
                }
                yield new Case("wrong type in a batch", represent(batch), at + ".body", false);
            }
            case 6 -> {
                ObjectNode conversation = (ObjectNode) batch.get(1).get("body");
                if (random.nextBoolean()) {
                    conversation.remove("brandId");
                } else {
                    conversation.set("brandId", random.nextBoolean() ? notText() : NODES.textNode(" "));
                }
                yield new Case("wrong type in a batch", represent(batch), "batch[1].body.brandId", false);
            }
            default -> {
                ObjectNode body = (ObjectNode) batch.get(2).get("body");
                if (random.nextBoolean()) {
                    body.set("event", notObject());
                    yield new Case("wrong type in a batch", represent(batch), "batch[2].body.event", false);
                }
                ((ObjectNode) body.get("event")).set("message", pick(List.of(NODES.numberNode(1), NODES.textNode(""),
                        NODES.booleanNode(true), NODES.arrayNode())));
                yield new Case("wrong type in a batch", represent(batch), "batch[2].body.event.message", false);
            }
        };
    }

    private Case missingOrExtraPayload() {
        switch (random.nextInt(4)) {
            case 0: {
                ArrayNode batch = validBatch();
                int size = pick(List.of(0, 1, 4, 5, 9));
                ArrayNode resized = NODES.arrayNode();
                for (int i = 0; i < size; i++) {
                    resized.add(batch.get(Math.min(i, 2)).deepCopy());
                }
                return new Case("missing or extra payloads", represent(resized), "batch", false);
            }
            case 1: {
                ArrayNode batch = validBatch();
                int missing = random.nextInt(2); // without the profile, or without the conversation request
                batch.remove(missing);
                return new Case("missing payload", represent(batch), "batch[" + missing + "].type", false);
            }
            case 2: {
                ObjectNode body = validObjectForm();
                String extra;
                do {
                    extra = pick(List.of("userprofile", "Message", "message ", "conversationId", "batch", "body",
                            "__proto__", "user_profile", "", "\u0000", word()));
                } while (TOP_LEVEL.contains(extra));
                // the extra key first, so it is the first unknown one whatever the form
                ObjectNode withExtra = NODES.objectNode();
                withExtra.put(extra, random.nextInt());
                withExtra.setAll(body);
                return new Case("extra payload", represent(withExtra), extra, false);
            }
            default: {
                ArrayNode batch = validBatch();
                ((ObjectNode) batch.get(1)).put("type", BATCH_TYPES[2]); // two PublishEvents, no conversation request
                return new Case("missing payload", represent(batch), "batch[1].type", false);
            }
        }
    }

    private Case wrongOrder() {
        ArrayNode batch = validBatch();
        int[][] permutations = { { 0, 2, 1 }, { 1, 0, 2 }, { 1, 2, 0 }, { 2, 0, 1 }, { 2, 1, 0 } };
        int[] permutation = permutations[random.nextInt(permutations.length)];
        ArrayNode reordered = NODES.arrayNode();
        int firstWrong = -1;
        for (int i = 0; i < 3; i++) {
            reordered.add(batch.get(permutation[i]));
            if (firstWrong < 0 && permutation[i] != i) {
                firstWrong = i;
            }
        }
        return new Case("wrong order", represent(reordered), "batch[" + firstWrong + "].type", false);
    }

    private Case hugeString() {
        int length = Json.MAX_STRING_LENGTH + 1 + random.nextInt(1000);
        String huge = "a".repeat(length);
        return switch (random.nextInt(5)) {
            case 0 -> new Case("huge string", huge, "body", false); // plain text
            case 1 -> {
                ObjectNode body = validObjectForm();
                ((ObjectNode) body.get("userProfile")).put("firstName", huge);
                yield new Case("huge string", represent(body), "body", false);
            }
            case 2 -> new Case("huge string", new ByteArrayInputStream(("{\"message\":\"" + "b".repeat(
                    (int) Json.MAX_DOCUMENT_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8)), "body", false);
            case 3 -> new Case("huge string", "{\"" + "k".repeat(2000) + "\":1}", "body", false); // key name
            default -> new Case("huge string", "{\"message\":" + "9".repeat(100) + "}", "body", false); // number
        };
    }

    private Case deepNesting() {
        int depth = Json.MAX_NESTING_DEPTH + 1 + random.nextInt(random.nextBoolean() ? 50 : 5000);
        switch (random.nextInt(5)) {
            case 0: {
                String open = random.nextBoolean() ? "[".repeat(depth) : "{\"a\":".repeat(depth);
                return new Case("deep nesting", "{\"userProfile\":{\"privateData\":{\"x\":" + open, "body", false);
            }
            case 1: {
                StringBuilder text = new StringBuilder("{\"userProfile\":{\"privateData\":{\"x\":");
                text.append("[".repeat(depth)).append("]".repeat(depth)).append("}}}");
                return new Case("deep nesting", asTextOrBytes(text.toString()), "body", false);
            }
            case 2: {
                JsonNode deep = NODES.textNode("bottom");
                for (int i = 0; i < depth; i++) {
                    deep = NODES.arrayNode().add(deep);
                }
                ObjectNode body = validObjectForm();
                ((ObjectNode) body.get("userProfile").get("privateData")).set("x", deep);
                return new Case("deep nesting", body, "body", false); // a JsonNode body: never parsed
            }
            case 3: {
                Object deep = "bottom";
                for (int i = 0; i < depth; i++) {
                    deep = random.nextBoolean() ? List.of(deep) : Map.of("a", deep);
                }
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("userProfile", Map.of("privateData", Map.of("x", deep)));
                return new Case("deep nesting", body, "body", false);
            }
            default: {
                Map<String, Object> cyclic = new HashMap<>();
                Map<String, Object> profile = new HashMap<>();
                cyclic.put("userProfile", profile);
                profile.put("privateData", random.nextBoolean() ? cyclic : profile);
                return new Case("self reference", cyclic, "body", false);
            }
        }
    }

    private Case nulls() {
        switch (random.nextInt(7)) {
            case 0:
                return new Case("null", null, "body", false);
            case 1: {
                ArrayNode batch = validBatch();
                int i = random.nextInt(3);
                batch.set(i, NODES.nullNode());
                return new Case("null", represent(batch), "batch[" + i + "]", false);
            }
            case 2: {
                ArrayNode batch = validBatch();
                int i = random.nextInt(3);
                ((ObjectNode) batch.get(i)).putNull("id");
                return new Case("null", represent(batch), "batch[" + i + "].id", false);
            }
            case 3: {
                ArrayNode batch = validBatch();
                int i = random.nextInt(3);
                ((ObjectNode) batch.get(i)).putNull("type");
                return new Case("null", represent(batch), "batch[" + i + "].type", false);
            }
            case 4: {
                ArrayNode batch = validBatch();
                ((ObjectNode) batch.get(2).get("body")).putNull("event");
                return new Case("null", represent(batch), "batch[2].body.event", false);
            }
            case 5: {
                ObjectNode body = validObjectForm();
                body.set("message", NODES.objectNode().putNull("type").put("message", "hi"));
                return new Case("null", represent(body), "message.type", false);
            }
            default: {
                ObjectNode body = validObjectForm();
                body.set("message", NODES.objectNode().put("type", "ContentEvent").putNull("message"));
                return new Case("null", represent(body), "message.message", false);
            }
        }
    }

    private Case nonUtf8() {
        byte[] valid = validAny().toString().getBytes(StandardCharsets.UTF_8);
        byte[][] sequences = { { (byte) 0xFF }, { (byte) 0xFE }, { (byte) 0x80 }, { (byte) 0xC3, 0x28 },
                { (byte) 0xC0, (byte) 0xAF }, { (byte) 0xED, (byte) 0xA0, (byte) 0x80 },
                { (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80 }, { (byte) 0xE2, (byte) 0x82 },
                { (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80 } };
        byte[] bad = sequences[random.nextInt(sequences.length)];
        int at = random.nextInt(valid.length + 1);
        byte[] body = new byte[valid.length + bad.length];
        System.arraycopy(valid, 0, body, 0, at);
        System.arraycopy(bad, 0, body, at, bad.length);
        System.arraycopy(valid, at, body, at + bad.length, valid.length - at);
        return new Case("non-UTF-8 bytes", random.nextBoolean() ? body : new ByteArrayInputStream(body), "body", true);
    }

    private Case unknownEventType() {
        String type;
        do {
            type = pick(List.of("TelepathyEvent", "contentEvent", "ContentEvent ", "", "ContentEvent\u0000",
                    "RichContent", "ms.PublishEvent", word()));
        } while (EVENT_TYPES.contains(type));
        switch (random.nextInt(3)) {
            case 0: {
                ObjectNode body = validObjectForm();
                body.set("message", NODES.objectNode().put("type", type).put("message", "hi"));
                return new Case("unknown event type", represent(body), "message.type", false);
            }
            case 1: {
                ArrayNode batch = validBatch();
                ((ObjectNode) batch.get(2).get("body").get("event")).put("type", type);
                return new Case("unknown event type", represent(batch), "batch[2].body.event.type", false);
            }
            default: {
                ArrayNode batch = validBatch();
                int i = random.nextInt(3);
                ((ObjectNode) batch.get(i)).put("type", "x." + type);
                return new Case("unknown request type", represent(batch), "batch[" + i + "].type", false);
            }
        }
    }

    /** A record of no known shape: read as a JSON object with a key the body does not know. */
    record Stray(int x) {
    }

    private Case wrongJavaType() {
        List<Supplier<Object>> bodies = List.of(() -> random.nextInt(), random::nextLong, random::nextDouble,
                random::nextBoolean, () -> 'c', Date::new, Object::new, UUID::randomUUID, () -> "{}".toCharArray(),
                () -> new int[] { 1, 2 }, () -> Optional.of("x"), () -> new StringBuilder("{\"message\":\"hi\"}"),
                () -> ByteBuffer.wrap("hi".getBytes(StandardCharsets.UTF_8)), () -> new File("event.json"),
                () -> Thread.State.NEW, () -> BigDecimal.ONE, () -> new AtomicInteger(3), Instant::now,
                () -> new String[] { "hello" }, () -> Map.of("userProfile", new Object()));
        int pick = random.nextInt(bodies.size() + 2);
        if (pick == bodies.size()) {
            return new Case("wrong Java type", new Stray(random.nextInt()), "x", false);
        }
        if (pick == bodies.size() + 1) {
            return new Case("wrong Java type", Set.of(word(), word() + "!"), "batch[0]", false);
        }
        return new Case("wrong Java type", bodies.get(pick).get(), "body", false);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    /** The same JSON as a JsonNode, String, byte[], InputStream, or Map/List, at random. */
    private Object represent(JsonNode json) {
        return switch (random.nextInt(5)) {
            case 0 -> json;
            case 1 -> json.toString();
            case 2 -> json.toString().getBytes(StandardCharsets.UTF_8);
            case 3 -> new ByteArrayInputStream(json.toString().getBytes(StandardCharsets.UTF_8));
            default -> PLAIN.convertValue(json, Object.class);
        };
    }

    private Object asTextOrBytes(String text) {
        return switch (random.nextInt(3)) {
            case 0 -> text;
            case 1 -> text.getBytes(StandardCharsets.UTF_8);
            default -> new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        };
    }

    private static void set(ObjectNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = (ObjectNode) node.get(parts[i]);
        }
        node.set(parts[parts.length - 1], value);
    }

    private JsonNode notObject() {
        return pick(List.of(NODES.numberNode(random.nextInt()), NODES.booleanNode(random.nextBoolean()),
                NODES.textNode(word()), NODES.arrayNode().add(1), NODES.numberNode(1.5)));
    }

    private JsonNode notText() {
        return pick(List.of(NODES.numberNode(random.nextInt()), NODES.booleanNode(random.nextBoolean()),
                NODES.arrayNode().add("a"), NODES.objectNode().put("a", 1), NODES.numberNode(2.5)));
    }

    /** Ids may be strings or integral numbers: anything else is wrong. */
    private JsonNode notId() {
        return pick(List.of(NODES.numberNode(1.5), NODES.booleanNode(true), NODES.arrayNode().add(1),
                NODES.objectNode().put("id", 1)));
    }

    private int structuralIndex(String text) {
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{' || c == '[' || c == ',' || c == ':') {
                indexes.add(i);
            }
        }
        return indexes.get(random.nextInt(indexes.size()));
    }

    /** Puts {@code insert} inside the greeting string every valid body has. */
    private static String inGreeting(String text, String insert) {
        int at = text.indexOf("hello ") >= 0 ? text.indexOf("hello ") : text.indexOf("hi ");
        return insertAt(text, at + 1, insert);
    }

    private static String insertAt(String text, int index, String insert) {
        return text.substring(0, index) + insert + text.substring(index);
    }

    private String word() {
        StringBuilder word = new StringBuilder();
        int length = 1 + random.nextInt(8);
        for (int i = 0; i < length; i++) {
            word.append((char) ('a' + random.nextInt(26)));
        }
        return word.toString();
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
