package io.github.lpconnector.camel.batch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A typed body for {@code liveperson-connector:create}: who the consumer is, how to route the conversation and,
 * optionally, its first message. Build one with {@link #builder()}.
 *
 * @param userProfile  the consumer's profile; may be null (an empty profile is sent)
 * @param conversation the conversation request; may be null (everything comes from the endpoint's options)
 * @param message      the first message: a String (sent as text/plain) or an event object such as
 *                     {@code {"type":"RichContentEvent",...}}; may be null
 */
public record CreateConversationRequest(UserProfile userProfile, ConversationRequest conversation, Object message) {

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link CreateConversationRequest} field by field. */
    public static final class Builder {
        private String firstName;
        private String lastName;
        private String userId;
        private String avatarUrl;
        private String role;
        private String backgndImgUri;
        private String description;
        private Map<String, Object> privateData;
        private Map<String, Object> authenticatedData;
        private String brandId;
        private String skillId;
        private String ttrDefName;
        private String channelType;
        private String campaignId;
        private String engagementId;
        private Map<String, Object> conversationContext;
        private Object message;

        private Builder() {
        }

        public Builder firstName(String firstName) {
            this.firstName = firstName;
            return this;
        }

        public Builder lastName(String lastName) {
            this.lastName = lastName;
            return this;
        }

        public Builder userId(String userId) {
            this.userId = userId;
            return this;
        }

        public Builder avatarUrl(String avatarUrl) {
            this.avatarUrl = avatarUrl;
            return this;
        }

        public Builder role(String role) {
            this.role = role;
            return this;
        }

        public Builder backgroundImageUri(String backgndImgUri) {
            this.backgndImgUri = backgndImgUri;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        /** Sets {@code privateData.mobileNum} and {@code privateData.mail}; either may be null. */
        public Builder contact(String mobileNum, String mail) {
            this.privateData = new LinkedHashMap<>();
            if (mobileNum != null) {
                privateData.put("mobileNum", mobileNum);
            }
            if (mail != null) {
                privateData.put("mail", mail);
            }
            return this;
        }

        public Builder privateData(Map<String, Object> privateData) {
            this.privateData = privateData;
            return this;
        }

        public Builder authenticatedData(Map<String, Object> authenticatedData) {
            this.authenticatedData = authenticatedData;
            return this;
        }

        public Builder brandId(String brandId) {
            this.brandId = brandId;
            return this;
        }

        public Builder skillId(String skillId) {
            this.skillId = skillId;
            return this;
        }

        public Builder ttrDefName(String ttrDefName) {
            this.ttrDefName = ttrDefName;
            return this;
        }

        public Builder channelType(String channelType) {
            this.channelType = channelType;
            return this;
        }

        public Builder campaign(String campaignId, String engagementId) {
            this.campaignId = campaignId;
            this.engagementId = engagementId;
            return this;
        }

        public Builder conversationContext(Map<String, Object> conversationContext) {
            this.conversationContext = conversationContext;
            return this;
        }

        /** The first message as text/plain. */
        public Builder text(String text) {
            this.message = text;
            return this;
        }

        /** The first message as an event object, e.g. a RichContentEvent. */
        public Builder event(Map<String, Object> event) {
            this.message = event;
            return this;
        }

        public CreateConversationRequest build() {
            UserProfile profile = new UserProfile(firstName, lastName, userId, avatarUrl, role, backgndImgUri,
                    description, privateData, authenticatedData);
            CampaignInfo campaign = campaignId != null || engagementId != null
                    ? new CampaignInfo(campaignId, engagementId) : null;
            ConversationRequest conversation = new ConversationRequest(brandId, skillId, ttrDefName, channelType,
                    campaign, conversationContext);
            return new CreateConversationRequest(profile, conversation, message);
        }
    }
}
