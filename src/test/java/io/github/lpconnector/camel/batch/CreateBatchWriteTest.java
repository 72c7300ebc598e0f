package io.github.lpconnector.camel.batch;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.lpconnector.camel.LivePersonConnectorConfiguration;
import io.github.lpconnector.camel.LivePersonJson;
import io.github.lpconnector.camel.LivePersonValidationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link CreateBatchBuilder#write}: a text body written straight to bytes is the tree of {@link CreateBatchBuilder#build}, serialised. */
class CreateBatchWriteTest {

    private static LivePersonConnectorConfiguration configuration(Consumer<LivePersonConnectorConfiguration> options) {
        LivePersonConnectorConfiguration configuration = new LivePersonConnectorConfiguration();
        configuration.setAccountId("42");
        options.accept(configuration);
        return configuration;
    }

    private static void assertSameAsTree(LivePersonConnectorConfiguration configuration, JsonNode body) throws Exception {
        assertSameAsTree(configuration, body, "ex-");
    }

    private static void assertSameAsTree(LivePersonConnectorConfiguration configuration, JsonNode body, String idPrefix)
            throws Exception {
        CreateBatchBuilder builder = new CreateBatchBuilder(configuration);
        for (int i = 0; i < 2; i++) { // the second time with the conversation defaults cached
            CreateBatchBuilder.Written written = builder.write(body, idPrefix + i);
            CreateBatch tree = builder.build(body, idPrefix + i);
            // as the tree path sends it (writeValueAsBytes: the UTF-8 generator, which escapes surrogate pairs)
            assertThat(new String(written.json(), StandardCharsets.UTF_8))
                    .isEqualTo(new String(LivePersonJson.MAPPER.writeValueAsBytes(tree.requests()), StandardCharsets.UTF_8));
            assertThat(written.profileRequestId()).isEqualTo(tree.profileRequestId());
            assertThat(written.conversationRequestId()).isEqualTo(tree.conversationRequestId());
            assertThat(written.messageRequestId()).isEqualTo(tree.messageRequestId());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "hi", "quotes \" and \\ backslash, tab\t, newline\n", "non-ASCII: é ü 漢字 😀", "</script>",
            "non-ASCII without escapes: é ü 漢字 \u2028 \u007f", "\u0001", "\u0002", "\\u0001 as text" })
    void textBodyIsTheTreeByteForByte(String message) throws Exception {
        assertSameAsTree(configuration(c -> c.setSkillId("1234")), TextNode.valueOf(message));
    }

    @ParameterizedTest
    @ValueSource(strings = { "ID-host-1700000000000-0-", "quote\"", "emoji😀", "\u0001" })
    void anyRequestIdIsWrittenAsTheTreeHasIt(String idPrefix) throws Exception {
        assertSameAsTree(configuration(c -> c.setSkillId("1234")), TextNode.valueOf("hi"), idPrefix);
    }

    @ParameterizedTest
    @ValueSource(strings = { "brand\u0001", "brand\u0002", "brand \\u0001", "brand \\u0002" })
    void anOptionHoldingAMarkerStillGivesTheTreesBytes(String brandId) throws Exception {
        assertSameAsTree(configuration(c -> c.setBrandId(brandId)), TextNode.valueOf("hi"));
    }

    @Test
    void everyConversationDefaultIsWrittenAsTheTreeHasIt() throws Exception {
        assertSameAsTree(configuration(c -> {
            c.setBrandId("brand \"7\"");
            c.setSkillId("99");
            c.setTtrDefName("URGENT");
            c.setChannelType("MESSAGING");
            c.setCampaignId("5");
            c.setEngagementId("6");
            c.setLang("de-DE");
        }), TextNode.valueOf("Hallo"));
    }

    @Test
    void objectBodyStillGoesThroughTheTree() throws Exception {
        JsonNode body = LivePersonJson.MAPPER.readTree("{\"message\":\"hi\",\"userProfile\":{\"firstName\":\"Ann\"}}");
        assertSameAsTree(configuration(c -> c.setSkillId("1")), body);
    }

    @Test
    void refusalsAreTheSameEveryTime() {
        CreateBatchBuilder builder = new CreateBatchBuilder(configuration(c -> c.setTtrDefName("SOON")));
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> builder.write(TextNode.valueOf("hi"), "x"))
                    .isInstanceOf(LivePersonValidationException.class).hasMessageContaining("conversation.ttrDefName");
        }
        CreateBatchBuilder ok = new CreateBatchBuilder(configuration(c -> { }));
        assertThatThrownBy(() -> ok.write(TextNode.valueOf("  "), "x"))
                .isInstanceOf(LivePersonValidationException.class).hasMessageContaining("message");
    }
}
