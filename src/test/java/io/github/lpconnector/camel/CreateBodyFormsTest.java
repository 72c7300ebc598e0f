package io.github.lpconnector.camel;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lpconnector.camel.model.CreateConversationRequest;
import io.github.lpconnector.camel.support.LivePersonTestSupport;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every body form the {@code create} producer accepts becomes the exact ordered batch LivePerson expects:
 * SetUserProfile, ConsumerRequestConversation, optional PublishEvent; ready batches go out unchanged. The emulator
 * records each batch as it came; a brandId other than the account's it refuses (400 40006), which also shows which
 * brandId went out.
 */
class CreateBodyFormsTest extends LivePersonTestSupport {

    private static final String STRUCTURED_JSON = "{'userProfile':{'firstName':'Ann','lastName':'Lee'},"
                                                  + "'conversation':{'skillId':'42','ttrDefName':'URGENT'},"
                                                  + "'message':'Hello from JSON'}";

    /** What {@link #STRUCTURED_JSON} must become, ids left out. */
    private static final JsonNode STRUCTURED_BATCH = json("["
            + "{'kind':'req','type':'userprofile.SetUserProfile','body':{'firstName':'Ann','lastName':'Lee'}},"
            + "{'kind':'req','type':'cm.ConsumerRequestConversation','body':{'brandId':'12345678','skillId':'42',"
            + "'ttrDefName':'URGENT','channelType':'MESSAGING'}},"
            + "{'kind':'req','type':'ms.PublishEvent','body':{'event':{'type':'ContentEvent','contentType':'text/plain',"
            + "'message':'Hello from JSON'}}}]");

    /** The one batch the emulator received; the exchange must have opened a conversation with it. */
    private JsonNode sentBatch(Exchange exchange) {
        assertThat(exchange.getException()).as("exchange failed").isNull();
        assertThat(EMULATOR.conversations()).hasSize(1);
        return onlyBatch();
    }

    /** The one batch the emulator received; the emulator refused it because its brandId is not the account. */
    private JsonNode refusedForItsBrand(Exchange exchange, String brandId) {
        assertThat(exchange.getException()).isInstanceOf(LivePersonHttpException.class);
        LivePersonHttpException refused = (LivePersonHttpException) exchange.getException();
        assertThat(refused.getHttpResponseCode()).isEqualTo(400);
        assertThat(refused.getErrorCode()).isEqualTo(40006);
        assertThat(refused.getResponseBody()).contains("Brand Id '" + brandId + "'");
        return onlyBatch();
    }

    private static JsonNode onlyBatch() {
        assertThat(requests()).hasSize(1);
        return lastRequest().json();
    }

    @Test
    void typedRequestFromTheBuilder() {
        CreateConversationRequest request = CreateConversationRequest.builder()
                .firstName("Ann").lastName("Lee").userId("u-1").contact("+15550100", "ann@example.com")
                .brandId("brand-9").skillId("-1").ttrDefName("NORMAL").campaign("c-1", "e-1")
                .conversationContext(Map.of("type", "SharkContext", "lang", "de-DE"))
                .text("Hi there")
                .build();

        JsonNode batch = refusedForItsBrand(create("", request), "brand-9");

        assertThat(withoutIds(batch)).isEqualTo(json("["
                + "{'kind':'req','type':'userprofile.SetUserProfile','body':{'firstName':'Ann','lastName':'Lee',"
                + "'userId':'u-1','privateData':{'mobileNum':'+15550100','mail':'ann@example.com'}}},"
                + "{'kind':'req','type':'cm.ConsumerRequestConversation','body':{'brandId':'brand-9','skillId':'-1',"
                + "'ttrDefName':'NORMAL','channelType':'MESSAGING','campaignInfo':{'campaignId':'c-1','engagementId':'e-1'},"
                + "'conversationContext':{'type':'SharkContext','lang':'de-DE'}}},"
                + "{'kind':'req','type':'ms.PublishEvent','body':{'event':{'type':'ContentEvent',"
                + "'contentType':'text/plain','message':'Hi there'}}}]"));
    }

    @Test
    void typedRequestWithoutMessageHasTwoRequests() {
        JsonNode batch = sentBatch(create("", CreateConversationRequest.builder().firstName("Bo").build()));

        assertThat(types(batch)).containsExactly("userprofile.SetUserProfile", "cm.ConsumerRequestConversation");
        assertThat(batch.get(1).path("body").path("brandId").asText()).isEqualTo(ACCOUNT_ID);
    }

    @Test
    void typedRequestWithAnEventObject() {
        Map<String, Object> event = Map.of("type", "RichContentEvent",
                "content", Map.of("type", "vertical", "elements", List.of(Map.of("type", "text", "text", "hi"))));
        JsonNode batch = sentBatch(create("", CreateConversationRequest.builder().event(event).build()));

        assertThat(batch.get(2).path("body").path("event")).isEqualTo(MAPPER.valueToTree(event));
    }

    @Test
    void mapWithUserProfileConversationAndMessage() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userProfile", Map.of("firstName", "Ann", "lastName", "Lee"));
        body.put("conversation", Map.of("skillId", "42", "ttrDefName", "URGENT"));
        body.put("message", "Hello from JSON");

        assertThat(withoutIds(sentBatch(create("", body)))).isEqualTo(STRUCTURED_BATCH);
    }

    @Test
    void jsonObjectAsString() {
        assertThat(withoutIds(sentBatch(create("", STRUCTURED_JSON.replace('\'', '"'))))).isEqualTo(STRUCTURED_BATCH);
    }

    @Test
    void jsonObjectAsBytes() {
        byte[] bytes = STRUCTURED_JSON.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
        assertThat(withoutIds(sentBatch(create("", bytes)))).isEqualTo(STRUCTURED_BATCH);
    }

    @Test
    void jsonObjectAsInputStream() {
        byte[] bytes = STRUCTURED_JSON.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
        assertThat(withoutIds(sentBatch(create("", new ByteArrayInputStream(bytes))))).isEqualTo(STRUCTURED_BATCH);
    }

    @Test
    void plainTextTakesEverythingElseFromTheOptions() {
        JsonNode batch = sentBatch(create("skillId=77&campaignId=c-5&engagementId=e-6&ttrDefName=PRIORITIZED&lang=en-US",
                "Hello, I need help with my order"));

        assertThat(withoutIds(batch)).isEqualTo(json("["
                + "{'kind':'req','type':'userprofile.SetUserProfile','body':{}},"
                + "{'kind':'req','type':'cm.ConsumerRequestConversation','body':{'brandId':'12345678','skillId':'77',"
                + "'ttrDefName':'PRIORITIZED','channelType':'MESSAGING',"
                + "'campaignInfo':{'campaignId':'c-5','engagementId':'e-6'},"
                + "'conversationContext':{'type':'SharkContext','lang':'en-US'}}},"
                + "{'kind':'req','type':'ms.PublishEvent','body':{'event':{'type':'ContentEvent',"
                + "'contentType':'text/plain','message':'Hello, I need help with my order'}}}]"));
    }

    @Test
    void plainTextWithDefaultOptionsAndBrandIdOption() {
        JsonNode defaults = sentBatch(create("", "hi"));
        assertThat(defaults.get(1).path("body")).isEqualTo(json("{'brandId':'12345678','channelType':'MESSAGING'}"));

        EMULATOR.clearRequests();
        JsonNode branded = refusedForItsBrand(create("brandId=other-brand", "hi"), "other-brand");
        assertThat(branded.get(1).path("body").path("brandId").asText()).isEqualTo("other-brand");
    }

    @Test
    void bodyValuesWinOverOptions() {
        JsonNode batch = refusedForItsBrand(create("skillId=77&ttrDefName=NORMAL",
                "{\"conversation\":{\"skillId\":\"5\",\"ttrDefName\":\"URGENT\",\"brandId\":\"b\"},\"message\":\"m\"}"), "b");

        JsonNode conversation = batch.get(1).path("body");
        assertThat(conversation.path("skillId").asText()).isEqualTo("5");
        assertThat(conversation.path("ttrDefName").asText()).isEqualTo("URGENT");
        assertThat(conversation.path("brandId").asText()).isEqualTo("b");
    }

    @Test
    void readyBatchAsJsonArrayStringIsSentUnchanged() {
        String ready = "[{'kind':'req','id':'p-1','type':'userprofile.SetUserProfile','body':{'firstName':'Zoe',"
                       + "'authenticatedData':{'lp_sdes':[{'type':'ctmrinfo','info':{'customerId':'c-77'}}]}}},"
                       + "{'kind':'req','id':'c-1','type':'cm.ConsumerRequestConversation','body':{'brandId':'bb',"
                       + "'skillId':'-1','channelType':'MESSAGING','ttrDefName':null,'extra':{'kept':[1,2,3]}}},"
                       + "{'kind':'req','id':'m-1','type':'ms.PublishEvent','body':{'event':{'type':'ContentEvent',"
                       + "'contentType':'text/plain','message':'ready'}}}]";

        JsonNode batch = refusedForItsBrand(create("skillId=99&lang=en-US", ready.replace('\'', '"')), "bb");

        assertThat(batch).isEqualTo(json(ready));
    }

    @Test
    void readyBatchAsListOfMapsIsSentUnchanged() {
        List<Map<String, Object>> ready = List.of(
                Map.of("kind", "req", "id", "one", "type", "userprofile.SetUserProfile", "body", Map.of()),
                Map.of("kind", "req", "id", "two", "type", "cm.ConsumerRequestConversation",
                        "body", Map.of("brandId", "12345678", "channelType", "MESSAGING")));

        JsonNode batch = sentBatch(create("", ready));

        assertThat(batch).isEqualTo(MAPPER.valueToTree(ready));
    }

    @Test
    void requestIdsAreUniqueAcrossExchanges() {
        assertThat(create("", "first").getException()).isNull();
        assertThat(create("", "second").getException()).isNull();

        assertThat(requests()).hasSize(2);
        List<String> ids = new java.util.ArrayList<>();
        requests().forEach(r -> r.json().forEach(item -> ids.add(item.path("id").asText())));
        assertThat(ids).hasSize(6).doesNotHaveDuplicates();
    }
}
