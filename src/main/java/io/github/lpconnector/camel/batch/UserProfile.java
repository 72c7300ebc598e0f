package io.github.lpconnector.camel.batch;

import java.util.Map;

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
