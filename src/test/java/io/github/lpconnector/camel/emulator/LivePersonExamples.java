package io.github.lpconnector.camel.emulator;

/**
 * LivePerson's own notification payloads, verbatim from /work/shared/docs/liveperson-webhooks.md §1.3 (DEMO ones
 * byte for byte, DC ones compacted): the fixtures the emulator's payloads and signatures are checked against.
 */
final class LivePersonExamples {

    /** Consumer paused typing (DEMO test/notifications.test.js); signed in §2.3. */
    static final String DEMO_PAUSE =
            "{\"kind\":\"notification\",\"body\":{\"changes\":[{\"originatorId\":\"2969e404f3be1c8cdda63f0b72"
            + "d205ab5afb3fe3e3d7d72ab58245f564fdfd91\",\"originatorMetadata\":{\"id\":\"2969e404f3be1c8cdda63f"
            + "0b72d205ab5afb3fe3e3d7d72ab58245f564fdfd91\",\"role\":\"CONSUMER\"},\"event\":{\"type\":\"ChatSt"
            + "ateEvent\",\"chatState\":\"PAUSE\"},\"conversationId\":\"b8b83fe9-75f0-46f2-baaa-2930f7192cfb\","
            + "\"dialogId\":\"b8b83fe9-75f0-46f2-baaa-2930f7192cfb\"}]},\"type\":\"ms.MessagingEventNotificatio"
            + "n\"}";

    /** Conversation closed by the consumer (DEMO test/notifications.test.js); signed in §2.3. */
    static final String DEMO_CLOSE =
            "{\"kind\":\"notification\",\"body\":{\"changes\":[{\"type\":\"UPSERT\",\"result\":{\"convId\":\""
            + "b8b83fe9-75f0-46f2-baaa-2930f7192cfb\",\"effectiveTTR\":-1,\"conversationDetails\":{\"skillId\":"
            + "\"-1\",\"participants\":[{\"id\":\"52e05c00-d5e4-5823-acf7-62570b939a63\",\"role\":\"CONTROLLER"
            + "\"},{\"id\":\"2969e404f3be1c8cdda63f0b72d205ab5afb3fe3e3d7d72ab58245f564fdfd91\",\"role\":\"CONS"
            + "UMER\"}],\"dialogs\":[{\"dialogId\":\"b8b83fe9-75f0-46f2-baaa-2930f7192cfb\",\"participantsDetai"
            + "ls\":[{\"id\":\"2969e404f3be1c8cdda63f0b72d205ab5afb3fe3e3d7d72ab58245f564fdfd91\",\"role\":\"CO"
            + "NSUMER\"},{\"id\":\"52e05c00-d5e4-5823-acf7-62570b939a63\",\"role\":\"CONTROLLER\"}],\"dialogTyp"
            + "e\":\"MAIN\",\"channelType\":\"MESSAGING\",\"state\":\"CLOSE\",\"creationTs\":1545398580042,\"en"
            + "dTs\":1545399379370,\"metaDataLastUpdateTs\":1545399379370,\"closedBy\":\"CONSUMER\"}],\"brandId"
            + "\":\"42257269\",\"state\":\"CLOSE\",\"stage\":\"CLOSE\",\"closeReason\":\"CONSUMER\",\"startTs\""
            + ":1545398580042,\"endTs\":1545399379370,\"metaDataLastUpdateTs\":1545399379370,\"ttr\":{\"ttrType"
            + "\":\"PRIORITIZED\",\"value\":600}}}}]},\"type\":\"cqm.ExConversationChangeNotification\"}";

    /** Conversation opened, with the dialogs array (DEMO test/notifications.test.js). */
    static final String DEMO_OPEN =
            "{\"kind\":\"notification\",\"body\":{\"changes\":[{\"type\":\"UPSERT\",\"result\":{\"convId\":\""
            + "69d7026e-67e7-47ab-8dcb-ec14dfcdd31d\",\"effectiveTTR\":1544179332214,\"conversationDetails\":{"
            + "\"skillId\":\"-1\",\"participants\":[{\"id\":\"5c40c7731ad3f3d49a4a7cdd90e01dd33ab95446a7451884a"
            + "76ab3079a757a5c\",\"role\":\"CONSUMER\"}],\"dialogs\":[{\"dialogId\":\"69d7026e-67e7-47ab-8dcb-e"
            + "c14dfcdd31d\",\"participantsDetails\":[{\"id\":\"5c40c7731ad3f3d49a4a7cdd90e01dd33ab95446a745188"
            + "4a76ab3079a757a5c\",\"role\":\"CONSUMER\"}],\"dialogType\":\"MAIN\",\"channelType\":\"MESSAGING"
            + "\",\"state\":\"OPEN\",\"creationTs\":1544178732211,\"metaDataLastUpdateTs\":1544178732211}],\"br"
            + "andId\":\"42257269\",\"state\":\"OPEN\",\"stage\":\"OPEN\",\"startTs\":1544178732211,\"metaDataL"
            + "astUpdateTs\":1544178732211,\"ttr\":{\"ttrType\":\"PRIORITIZED\",\"value\":600}}}}]},\"type\":\""
            + "cqm.ExConversationChangeNotification\"}";

    /** Agent typing, with conversationId (DEMO README). */
    static final String DEMO_AGENT_COMPOSING =
            "{\"kind\":\"notification\",\"body\":{\"changes\":[{\"originatorId\":\"662eb2c6-cf25-5ea8-8fbd-9f"
            + "1781558c24\",\"originatorMetadata\":{\"id\":\"662eb2c6-cf25-5ea8-8fbd-9f1781558c24\",\"role\":\""
            + "ASSIGNED_AGENT\"},\"event\":{\"type\":\"ChatStateEvent\",\"chatState\":\"COMPOSING\"},\"conversa"
            + "tionId\":\"b3aea67d-01ca-4bf7-af4f-9897cf6b77a7\",\"dialogId\":\"b3aea67d-01ca-4bf7-af4f-9897cf6"
            + "b77a7\"}]},\"type\":\"ms.MessagingEventNotification\"}";

    /** The consumer's own chat state echoed (DEMO README). */
    static final String DEMO_CONSUMER_ACTIVE =
            "{\"kind\":\"notification\",\"body\":{\"changes\":[{\"originatorId\":\"31fe13ba27250bfff439a6f875"
            + "cfd135cf64f680f9dded3b123cb0529d1e5a29\",\"originatorMetadata\":{\"id\":\"31fe13ba27250bfff439a6"
            + "f875cfd135cf64f680f9dded3b123cb0529d1e5a29\",\"role\":\"CONSUMER\"},\"event\":{\"type\":\"ChatSt"
            + "ateEvent\",\"chatState\":\"ACTIVE\"},\"conversationId\":\"b3aea67d-01ca-4bf7-af4f-9897cf6b77a7\""
            + ",\"dialogId\":\"b3aea67d-01ca-4bf7-af4f-9897cf6b77a7\"}]},\"type\":\"ms.MessagingEventNotificati"
            + "on\"}";

    /** Agent read receipt, with conversationId (DEMO README). */
    static final String DEMO_AGENT_READ =
            "{\"kind\":\"notification\",\"body\":{\"changes\":[{\"sequence\":9,\"originatorId\":\"662eb2c6-cf"
            + "25-5ea8-8fbd-9f1781558c24\",\"originatorMetadata\":{\"id\":\"662eb2c6-cf25-5ea8-8fbd-9f1781558c2"
            + "4\",\"role\":\"ASSIGNED_AGENT\"},\"serverTimestamp\":1537343869240,\"event\":{\"type\":\"AcceptS"
            + "tatusEvent\",\"status\":\"READ\",\"sequenceList\":[6]},\"conversationId\":\"f66ad121-8dcb-4430-9"
            + "fc2-731e961f6eae\",\"dialogId\":\"f66ad121-8dcb-4430-9fc2-731e961f6eae\"}]},\"type\":\"ms.Messag"
            + "ingEventNotification\"}";

    /** "Consumer sent a text message" (DC webhooks/examples.md, compacted). */
    static final String DC_CONSUMER_TEXT =
            "{\"kind\":\"notification\",\"body\":{\"changes\":[{\"sequence\":0,\"originatorId\":\"ade26082b11"
            + "85839d17e0794924c1a0005cf5663e7c35e38f80dd8552a1a96e5\",\"originatorMetadata\":{\"id\":\"ade2608"
            + "2b1185839d17e0794924c1a0005cf5663e7c35e38f80dd8552a1a96e5\",\"role\":\"CONSUMER\"},\"serverTimes"
            + "tamp\":1528371161893,\"event\":{\"type\":\"ContentEvent\",\"message\":\"Hello from Consumer\",\""
            + "contentType\":\"text/plain\"},\"dialogId\":\"5491244f-e462-4c63-bf4e-faf4b2d3e7b5\"}]},\"type\":"
            + "\"ms.MessagingEventNotification\"}";

    /** "Agent sent a text message" (DC webhooks/examples.md, compacted). */
    static final String DC_AGENT_TEXT =
            "{\"kind\":\"notification\",\"body\":{\"changes\":[{\"sequence\":2,\"originatorId\":\"29c3019d-fe"
            + "0b-5200-afe8-737abfeae4b4\",\"originatorMetadata\":{\"id\":\"29c3019d-fe0b-5200-afe8-737abfeae4b"
            + "4\",\"role\":\"ASSIGNED_AGENT\"},\"serverTimestamp\":1528371199686,\"event\":{\"type\":\"Content"
            + "Event\",\"message\":\"Hello from the Agent\\n\",\"contentType\":\"text/plain\"},\"dialogId\":\"5"
            + "491244f-e462-4c63-bf4e-faf4b2d3e7b5\"}]},\"type\":\"ms.MessagingEventNotification\"}";

    /** "Agent assigned to the conversation" (DC webhooks/examples.md, compacted). */
    static final String DC_AGENT_ASSIGNED =
            "{\"kind\":\"notification\",\"body\":{\"changes\":[{\"type\":\"UPSERT\",\"result\":{\"convId\":\""
            + "5491244f-e462-4c63-bf4e-faf4b2d3e7b5\",\"conversationDetails\":{\"participants\":[{\"id\":\"29c3"
            + "019d-fe0b-5200-afe8-737abfeae4b4\",\"role\":\"ASSIGNED_AGENT\"},{\"id\":\"ade26082b1185839d17e07"
            + "94924c1a0005cf5663e7c35e38f80dd8552a1a96e5\",\"role\":\"CONSUMER\"}],\"brandId\":\"64467156\",\""
            + "state\":\"OPEN\",\"startTs\":1528371161882,\"metaDataLastUpdateTs\":1528371195521,\"ttr\":{\"ttr"
            + "Type\":\"PRIORITIZED\",\"value\":600}}}}]},\"type\":\"cqm.ExConversationChangeNotification\"}";

    /** The DEMO test's app secret (§2.3). */
    static final String DEMO_SECRET =
            "rl9hacst6kqilbofup64n11ga3";

    private LivePersonExamples() {
    }
}
