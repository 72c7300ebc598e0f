package io.github.lpconnector.camel.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A typed body for {@code liveperson-connector:create}: who the consumer is, how to route the conversation and,
 * optionally, its first message. Build one with {@link #builder()}; Jackson writes it as the
 * {@code {"userProfile", "conversation", "message"}} object the component also accepts as a Map or JSON.
 *
 * @param userProfile  the consumer's profile; may be null (an empty profile is sent)
 * @param conversation the conversation request; may be null (everything comes from the endpoint's options)
 * @param message      the first message: a String (sent as text/plain), a {@link LivePersonEvent}, or an event
 *                     object such as {@code {"type":"RichContentEvent",...}}; may be null
 */
public record CreateConversationRequest(UserProfile userProfile, ConversationRequest conversation, Object message) {

    /**
     * The body of {@code userprofile.SetUserProfile}: who the consumer is. Every field is optional.
     *
     * @param firstName         first name shown to the agent
     * @param lastName          last name shown to the agent
     * @param userId            the brand's id of the user
     * @param avatarUrl         URL of the consumer's picture
     * @param role              role of the consumer
     * @param backgndImgUri     URL of a background image
     * @param description       free text about the consumer
     * @param privateData       {@code mobileNum}, {@code mail}, {@code pushNotificationData}
     * @param authenticatedData engagement attributes (SDEs), e.g. {@code {"lp_sdes":[{"type":"ctmrinfo",...}]}}
     */
    public record UserProfile(String firstName, String lastName, String userId, String avatarUrl, String role,
            String backgndImgUri, String description, Map<String, Object> privateData,
            Map<String, Object> authenticatedData) {
    }

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

    /**
     * The campaign and engagement a conversation is routed by (LivePerson's preferred routing).
     *
     * @param campaignId   the campaign id
     * @param engagementId the engagement id
     */
    public record CampaignInfo(String campaignId, String engagementId) {
    }

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

        /** The first message as a typed event, e.g. a {@link LivePersonEvent.RichContentEvent}. */
        public Builder event(LivePersonEvent event) {
            this.message = event;
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
