package io.github.lpconnector.camel;

import io.github.lpconnector.camel.model.CreateConversationResult;
import io.github.lpconnector.camel.model.CreateConversationResult.RequestOutcome;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.CONVERSATION_ID;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.MESSAGE_SEQUENCE;
import static org.assertj.core.api.Assertions.assertThat;

/** Ready batches as LivePerson's own pages write them, and the "already open" refusal, against the emulator. */
class CreateLikeLivePersonsExamplesTest extends LifecycleTestSupport {

    /** DC examples/6_example_cmp_routing.md: both requests have the id "1,". */
    static final String CAMPAIGN_ROUTING = "[{\"kind\":\"req\",\"id\":\"1,\",\"type\":\"userprofile.SetUserProfile\","
            + "\"body\":{\"authenticatedData\":{\"lp_sdes\":[{\"type\":\"ctmrinfo\",\"info\":{\"socialId\":\"1234567890\","
            + "\"ctype\":\"vip\"}}]}}},{\"kind\":\"req\",\"id\":\"1,\",\"type\":\"cm.ConsumerRequestConversation\","
            + "\"body\":{\"ttrDefName\":\"NORMAL\",\"campaignInfo\":{\"campaignId\":\"2739101812\",\"engagementId\":"
            + "\"2739121912\"},\"channelType\":\"MESSAGING\",\"brandId\":\"" + ACCOUNT + "\"}}]";

    @Test
    void repeatedIdsOfTheCampaignRoutingExampleWhateverTheAnswerOrder() throws Exception {
        start();
        for (boolean reversed : new boolean[] { false, true }) {
            EMULATOR.emulator().answersReversed(reversed);
            String consumer = "vip-" + reversed;

            Exchange exchange = ok(create(consumer, CAMPAIGN_ROUTING));

            String conversationId = exchange.getMessage().getHeader(CONVERSATION_ID, String.class);
            assertThat(EMULATOR.conversation(conversationId)).as("reversed %s", reversed).isPresent();
            CreateConversationResult result = exchange.getMessage().getBody(CreateConversationResult.class);
            assertThat(result.outcomes()).extracting(RequestOutcome::reqId).containsExactly("1,", "1,");
            assertThat(result.outcomes()).extracting(RequestOutcome::code).containsOnly("OK");
            assertThat(result.outcomes().get(0).body().path("msg").asText()).contains("User Profile");
        }
    }

    @Test
    void integerIdsAsInLivePersonsExamples() throws Exception {
        start();
        String batch = "[{\"kind\":\"req\",\"id\":1,\"type\":\"userprofile.SetUserProfile\",\"body\":{}},"
                + "{\"kind\":\"req\",\"id\":2,\"type\":\"cm.ConsumerRequestConversation\",\"body\":{\"brandId\":\""
                + ACCOUNT + "\"}},{\"kind\":\"req\",\"id\":3,\"type\":\"ms.PublishEvent\",\"body\":{\"event\":{"
                + "\"type\":\"ContentEvent\",\"contentType\":\"text/plain\",\"message\":\"Hi\"}}}]";

        Exchange exchange = ok(create("numbers", batch));

        assertThat(exchange.getMessage().getHeader(MESSAGE_SEQUENCE)).isEqualTo(0L);
        assertThat(EMULATOR.requests().stream().filter(r -> "create".equals(r.service())).findFirst().orElseThrow()
                .json().get(0).path("id").isInt()).as("sent as given").isTrue();
        assertThat(exchange.getMessage().getBody(CreateConversationResult.class).outcomes())
                .extracting(RequestOutcome::reqId).containsExactly("1", "2", "3");
    }

    @Test
    void aSecondConversationOfTheSameConsumerIsRecognisablyAlreadyOpen() throws Exception {
        start();
        String first = open("ada");

        Exchange second = create("ada", "hello again");

        assertThat(second.getException()).isInstanceOf(LivePersonRequestFailedException.class);
        LivePersonRequestFailedException refused = (LivePersonRequestFailedException) second.getException();
        assertThat(refused.isConversationAlreadyOpen()).isTrue();
        assertThat(refused.getErrorCode()).isEqualTo(LivePersonRequestFailedException.CONVERSATION_ALREADY_OPEN);
        assertThat(refused.getRequestType()).isEqualTo("cm.ConsumerRequestConversation");
        assertThat(refused.getConversationId()).isNull();
        assertThat(refused).hasMessageContaining("errorCode 40011")
                .hasMessageContaining("this consumer already has an open conversation");
        assertThat(second.getMessage().getHeader(CONVERSATION_ID)).isNull();

        // what the advice says works: close the open one with the id its create returned, then create again
        ok(send("close", "ada", first, null));
        ok(create("ada", "hello again"));
        // other refusals are not taken for this case
        assertThat(new LivePersonRequestFailedException("ms.PublishEvent", "m", "400", "{}", null, 40011)
                .isConversationAlreadyOpen()).isFalse();
        assertThat(new LivePersonRequestFailedException("cm.ConsumerRequestConversation", "c", "400", "{}", null,
                40001).isConversationAlreadyOpen()).isFalse();
    }
}
