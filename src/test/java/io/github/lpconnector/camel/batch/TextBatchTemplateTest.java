package io.github.lpconnector.camel.batch;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.io.SerializedString;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link TextBatchTemplate}: where it fills the holes itself and where it leaves the batch to the generator. */
class TextBatchTemplateTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static final TextBatchTemplate TEMPLATE
            = TextBatchTemplate.of(utf8("[{\"id\":\"\\u0001:a\"},{\"id\":\"\\u0001:b\"},{\"id\":\"\\u0001:c\",\"t\":\"\\u0002\"}]"));

    @Test
    void fillsIdsAndTextThatNeedNoEscape() {
        assertThat(TEMPLATE).isNotNull();
        assertThat(new String(TEMPLATE.fill("x-1", "héllo 漢字"), StandardCharsets.UTF_8))
                .isEqualTo("[{\"id\":\"x-1:a\"},{\"id\":\"x-1:b\"},{\"id\":\"x-1:c\",\"t\":\"héllo 漢字\"}]");
    }

    @Test
    void theGeneratorsOwnBatchMakesATemplateThatFillsInItsBytes() throws Exception {
        SerializedString conversation = new SerializedString("{\"brandId\":\"42\",\"skillId\":\"7\"}");
        TextBatchTemplate template = TextBatchTemplate.of(CreateBatchBuilder.generateText(
                conversation, TextBatchTemplate.ID_MARKER, TextBatchTemplate.TEXT_MARKER));
        // null would leave every batch to the generator: still right, but no longer the fast path
        assertThat(template).isNotNull();
        for (String text : new String[] { "hi", "héllo 漢字 \u2028", "</script> & 'single' {not json}" }) {
            assertThat(template.fill("ID-host-1-0", text)).as(text)
                    .isEqualTo(CreateBatchBuilder.generateText(conversation, "ID-host-1-0", text));
        }
    }

    @Test
    void leavesToTheGeneratorWhatItWouldEscape() {
        for (String escaped : new String[] { "\"", "\\", "\n", "\u001f", "😀", "\ud800" }) {
            assertThat(TEMPLATE.fill("x", "a" + escaped)).as("text %s", escaped).isNull();
            assertThat(TEMPLATE.fill("x" + escaped, "a")).as("id %s", escaped).isNull();
        }
    }

    @Test
    void refusesOutputThatTheMarkersDoNotCutAsExpected() {
        // a fourth id, an id after the text, a missing text, no marker at all
        assertThat(TextBatchTemplate.of(utf8("\\u0001\\u0001\\u0001\\u0001\\u0002"))).isNull();
        assertThat(TextBatchTemplate.of(utf8("\\u0001\\u0001\\u0002\\u0001"))).isNull();
        assertThat(TextBatchTemplate.of(utf8("\\u0001\\u0001\\u0001"))).isNull();
        assertThat(TextBatchTemplate.of(utf8("[]"))).isNull();
        assertThat(TextBatchTemplate.of(utf8("\\u0001\\u0001\\u0001\\u0002\\u0002"))).isNull();
    }
}
