package io.github.lpconnector.camel.emulator;

/**
 * Told of every change of a {@link StoredConversation}: how the webhook notifications and the auto-agent hook into
 * the Send API without the handlers knowing. Each call is made while the conversation's monitor is held, so that the
 * calls of one conversation come in the order of its sequences; an implementation must therefore be quick, must not
 * block and must not call back into the conversation (hand work to a scheduler instead).
 */
interface ConversationListener {

    ConversationListener NONE = new ConversationListener() {
    };

    /** What a {@code cqm.ExConversationChangeNotification} reports of a conversation; times in ms since the epoch. */
    record Details(String conversationId, String brandId, String consumerId, String skillId, String agentId,
            String state, String closedBy, long startTs, long endTs, long metaDataLastUpdateTs) {

        boolean isOpen() {
            return EmulatedConversation.OPEN.equals(state);
        }
    }

    /** CREATE opened the conversation (before its first message is published). */
    default void opened(StoredConversation conversation, Details details) {
    }

    /** The consumer or an agent published {@code message}. */
    default void published(StoredConversation conversation, EmulatedMessage message) {
    }

    /** An agent was assigned, or the conversation was transferred. */
    default void changed(StoredConversation conversation, Details details) {
    }

    /** The consumer or the agent closed the conversation. */
    default void closed(StoredConversation conversation, Details details) {
    }

    /** Calls {@code first}, then {@code second}. */
    static ConversationListener both(ConversationListener first, ConversationListener second) {
        return new ConversationListener() {
            @Override
            public void opened(StoredConversation c, Details d) {
                first.opened(c, d);
                second.opened(c, d);
            }

            @Override
            public void published(StoredConversation c, EmulatedMessage m) {
                first.published(c, m);
                second.published(c, m);
            }

            @Override
            public void changed(StoredConversation c, Details d) {
                first.changed(c, d);
                second.changed(c, d);
            }

            @Override
            public void closed(StoredConversation c, Details d) {
                first.closed(c, d);
                second.closed(c, d);
            }
        };
    }
}
