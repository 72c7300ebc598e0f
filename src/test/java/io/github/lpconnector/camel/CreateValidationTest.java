package io.github.lpconnector.camel;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.lpconnector.camel.support.LivePersonTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Bad input fails with {@link LivePersonValidationException} naming the field, before any HTTP call. */
class CreateValidationTest extends LivePersonTestSupport {

    private static final String PROFILE = "{'kind':'req','id':'p','type':'userprofile.SetUserProfile','body':{}}";
    private static final String CONVERSATION
            = "{'kind':'req','id':'c','type':'cm.ConsumerRequestConversation','body':{'brandId':'b'}}";
    private static final String MESSAGE = "{'kind':'req','id':'m','type':'ms.PublishEvent','body':{'event':"
                                          + "{'type':'ContentEvent','contentType':'text/plain','message':'hi'}}}";

    private static String q(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                arguments("wrong order", q("[" + CONVERSATION + "," + PROFILE + "]"), "batch[0].type"),
                arguments("one payload", q("[" + PROFILE + "]"), "batch"),
                arguments("four payloads", q("[" + PROFILE + "," + CONVERSATION + "," + MESSAGE + ","
                                             + MESSAGE.replace("'m'", "'m2'") + "]"), "batch"),
                arguments("unknown type", q("[" + PROFILE + ","
                                            + CONVERSATION.replace("cm.ConsumerRequestConversation", "cm.Nope") + "]"),
                        "batch[1].type"),
                arguments("missing brandId in a ready batch",
                        q("[" + PROFILE + "," + CONVERSATION.replace("'brandId':'b'", "'skillId':'1'") + "]"),
                        "batch[1].body.brandId"),
                arguments("fractional id", q("[" + PROFILE.replace("'id':'p'", "'id':1.5") + "," + CONVERSATION + "]"),
                        "batch[0].id"),
                arguments("boolean id", q("[" + PROFILE.replace("'id':'p'", "'id':true") + "," + CONVERSATION + "]"),
                        "batch[0].id"),
                arguments("unreadable JSON string", "{\"userProfile\": {", "body"),
                arguments("unreadable JSON bytes", "[{\"kind\":".getBytes(StandardCharsets.UTF_8), "body"),
                arguments("non-UTF-8 bytes", new byte[] { '{', '"', (byte) 0xC3, (byte) 0x28, '"', '}' }, "body"),
                arguments("Integer body", 42, "body"),
                arguments("Date body", new Date(), "body"),
                arguments("unknown top-level key", q("{'userProfile':{},'conversaton':{}}"), "conversaton"),
                arguments("userProfile not an object", q("{'userProfile':'Ann'}"), "userProfile"),
                arguments("firstName not a string", Map.of("userProfile", Map.of("firstName", 7)),
                        "userProfile.firstName"),
                arguments("bad ttrDefName", q("{'conversation':{'ttrDefName':'SOON'},'message':'hi'}"),
                        "conversation.ttrDefName"),
                arguments("empty text message", q("{'message':'  '}"), "message"),
                arguments("blank plain text", "   ", "body"),
                arguments("event of unknown type", q("{'message':{'type':'TelepathyEvent','message':'hi'}}"),
                        "message.type"),
                arguments("event in a ready batch of unknown type",
                        q("[" + PROFILE + "," + CONVERSATION + "," + MESSAGE.replace("ContentEvent", "Nope") + "]"),
                        "batch[2].body.event.type"),
                arguments("list of strings", List.of("a", "b"), "batch[0]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void invalidBodyNamesTheField(String name, Object body, String field) {
        Exchange exchange = create("", body);

        assertThat(exchange.getException()).as(name).isInstanceOf(LivePersonValidationException.class);
        assertThat(((LivePersonValidationException) exchange.getException()).getField()).as(name).isEqualTo(field);
        assertThat(exchange.getException().getMessage()).as(name).contains(field);
    }

    @Test
    void nullBody() {
        Exchange exchange = create("", (Object) null);

        assertThat(exchange.getException()).isInstanceOf(LivePersonValidationException.class);
        assertThat(((LivePersonValidationException) exchange.getException()).getField()).isEqualTo("body");
    }

    @Test
    void badTtrDefNameOption() {
        Exchange exchange = create("ttrDefName=SOON", "hello");

        assertThat(exchange.getException()).isInstanceOf(LivePersonValidationException.class);
        assertThat(((LivePersonValidationException) exchange.getException()).getField())
                .isEqualTo("conversation.ttrDefName");
    }

    @AfterEach
    void nothingReachedTheServer() {
        assertThat(requests()).as("requests sent for invalid input").isEmpty();
    }
}
