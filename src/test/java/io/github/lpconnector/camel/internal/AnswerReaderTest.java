package io.github.lpconnector.camel.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.node.TextNode;
import io.github.lpconnector.camel.LivePersonConnectorConfiguration;
import io.github.lpconnector.camel.LivePersonConnectorException;
import io.github.lpconnector.camel.LivePersonRequestFailedException;
import io.github.lpconnector.camel.model.CreateConversationResult;
import io.github.lpconnector.camel.model.CreateConversationResult.RequestOutcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reading of CREATE answers: items matched by reqId whatever their order or extra fields. */
class AnswerReaderTest {

    private final List<String> batch;

    AnswerReaderTest() {
        LivePersonConnectorConfiguration configuration = new LivePersonConnectorConfiguration();
        configuration.setAccountId("42");
        batch = new CreateBatchBuilder(configuration).build(TextNode.valueOf("hi"), "x").requestIds();
    }

    private static LivePersonClient.Answer answer(String json) {
        return new LivePersonClient.Answer(200, "OK", json.getBytes(StandardCharsets.UTF_8), null, 1);
    }

    private static CreateConversationResult readCreate(List<String> ids, LivePersonClient.Answer answer) {
        return AnswerReader.create(ids, answer);
    }

    @Test
    void itemsInAnyOrderWithExtraFieldsAndNestedValues() {
        CreateConversationResult result = readCreate(batch, answer("""
                [ {"kind":"resp","reqId":"x:message","code":"OK","body":{"sequence":7},"type":"x","extra":[1,{"a":[]}]},
                  "noise", 12, {"reqId":null,"code":"OK"}, {"reqId":{"a":1},"code":"OK"},
                  {"reqId":"x:conversation","code":"OK","body":{"conversationId":"c-1"}},
                  {"code":{"not":"scalar"},"reqId":"x:profile","body":{"msg":"done"}, "code":"OK"} ]"""));
        assertThat(result.conversationId()).isEqualTo("c-1");
        assertThat(result.messageSequence()).isEqualTo(7L);
        assertThat(result.outcomes()).extracting(RequestOutcome::reqId)
                .containsExactly("x:profile", "x:conversation", "x:message");
    }

    @Test
    void bodiesAreTheSameTreesJacksonReads() throws Exception {
        String body = "{\"conversationId\":\"c-3\",\"n\":[1,-2,12345678901,1.5,true,false,null,\"s\",{\"deep\":[[]]}],"
                      + "\"big\":123456789012345678901234567890,\"o\":{}}";
        CreateConversationResult result = readCreate(batch, answer("[{\"reqId\":\"x:profile\",\"code\":\"OK\",\"body\":{}},"
                + "{\"reqId\":\"x:conversation\",\"code\":\"OK\",\"body\":" + body + "},"
                + "{\"reqId\":\"x:message\",\"code\":\"OK\",\"body\":{\"sequence\":0}}]"));
        assertThat(result.outcomes().get(1).body()).isEqualTo(Json.MAPPER.readTree(body));
    }

    @Test
    void theLastBodyOfAnItemCountsAndTheResultSerialisesAndReadsBack() throws Exception {
        CreateConversationResult result = readCreate(batch, answer("""
                [{"reqId":"x:profile","code":"OK","body":"done"},
                 {"reqId":"x:conversation","code":200,"body":{"conversationId":"c-9","body":1},"body":{"conversationId":"c-9"}},
                 {"reqId":"x:message","code":"OK","body":{"sequence":4}}]"""));
        RequestOutcome conversation = result.outcomes().get(1);
        RequestOutcome eager = new RequestOutcome("x:conversation", conversation.type(), "200",
                Json.MAPPER.readTree("{\"conversationId\":\"c-9\"}"));

        assertThat(conversation).isEqualTo(eager).hasSameHashCodeAs(eager);
        assertThat(result.outcomes().get(0).body()).isEqualTo(TextNode.valueOf("done"));
        String json = Json.MAPPER.writeValueAsString(result);
        assertThat(Json.MAPPER.readTree(json).path("outcomes").get(2)).isEqualTo(Json.MAPPER.readTree(
                "{\"reqId\":\"x:message\",\"type\":\"ms.PublishEvent\",\"code\":\"OK\",\"body\":{\"sequence\":4}}"));
        assertThat(Json.MAPPER.readValue(json, CreateConversationResult.class)).isEqualTo(result);
    }

    @Test
    void numericCodesAreText() {
        assertThatThrownBy(() -> readCreate(batch, answer("""
                [{"reqId":"x:profile","code":"OK","body":{}},
                 {"reqId":"x:conversation","code":400,"body":{"errorCode":40011}}]""")))
                .isInstanceOf(LivePersonRequestFailedException.class)
                .satisfies(e -> assertThat(((LivePersonRequestFailedException) e).getCode()).isEqualTo("400"));
    }

    @Test
    void missingItemIsMissing() {
        assertThatThrownBy(() -> readCreate(batch, answer("""
                [{"reqId":"x:profile","code":"OK","body":{}},{"reqId":"x:conversation","code":"OK",
                  "body":{"conversationId":"c-2"}}]""")))
                .isInstanceOf(LivePersonRequestFailedException.class)
                .satisfies(e -> assertThat(((LivePersonRequestFailedException) e).getConversationId()).isEqualTo("c-2"));
    }

    @Test
    void notAnArrayTruncatedOrTrailingIsRefused() {
        assertThatThrownBy(() -> readCreate(batch, answer("{\"reqId\":\"x\"}")))
                .isInstanceOf(LivePersonConnectorException.class).hasMessageContaining("not a JSON array");
        assertThatThrownBy(() -> readCreate(batch, answer("")))
                .isInstanceOf(LivePersonConnectorException.class).hasMessageContaining("not a JSON array");
        assertThatThrownBy(() -> readCreate(batch, answer("[{\"reqId\":\"x:profile\",\"code\":\"OK\"}")))
                .isInstanceOf(LivePersonConnectorException.class).hasMessageContaining("not readable JSON");
        assertThatThrownBy(() -> readCreate(batch, answer("[] []")))
                .isInstanceOf(LivePersonConnectorException.class).hasMessageContaining("not readable JSON");
    }

    @Test
    void theReadLimitsApplyToAnswers() {
        String deep = "[".repeat(Json.MAX_NESTING_DEPTH + 1) + "]".repeat(Json.MAX_NESTING_DEPTH + 1);
        assertThatThrownBy(() -> readCreate(batch, answer("[{\"reqId\":\"x:profile\",\"code\":\"OK\",\"extra\":"
                                                                 + deep + "}]")))
                .isInstanceOf(LivePersonConnectorException.class).hasMessageContaining("not readable JSON")
                .cause().hasMessageContaining("Document nesting depth");
        String longText = "a".repeat(Json.MAX_STRING_LENGTH + 1);
        assertThatThrownBy(() -> readCreate(batch, answer("[{\"reqId\":\"x:profile\",\"code\":\"OK\",\"body\":{\"conversationId\":\""
                                                                 + longText + "\"}}]")))
                .isInstanceOf(LivePersonConnectorException.class).hasMessageContaining("not readable JSON")
                .cause().hasMessageContaining("String value length");
    }
}
