package io.github.lpconnector.camel.batch;

/**
 * The campaign and engagement a conversation is routed by (LivePerson's preferred routing).
 *
 * @param campaignId   the campaign id
 * @param engagementId the engagement id
 */
public record CampaignInfo(String campaignId, String engagementId) {
}
