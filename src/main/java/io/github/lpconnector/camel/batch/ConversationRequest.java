package io.github.lpconnector.camel.batch;

import java.util.Map;

/**
 * The body of {@code cm.ConsumerRequestConversation}. Fields left null are filled from the endpoint's options.
 *
 * @param brandId             the account id (required by LivePerson; defaults to the {@code brandId} option)
 * @param skillId             skill to route to, {@code -1} for any
 * @param ttrDefName          time to respond: NORMAL, URGENT, PRIORITIZED or CUSTOM
 * @param channelType         always MESSAGING for the Connector API
 * @param campaignInfo        campaign and engagement to route by
 * @param conversationContext e.g. {@code {"type":"SharkContext","lang":"en-US","visitorId":...}}
 */
public record ConversationRequest(String brandId, String skillId, String ttrDefName, String channelType,
        CampaignInfo campaignInfo, Map<String, Object> conversationContext) {
}
