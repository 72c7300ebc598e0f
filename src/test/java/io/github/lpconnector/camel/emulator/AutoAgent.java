package io.github.lpconnector.camel.emulator;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The auto-agent: the default agent accepts each new conversation, and answers the consumer's first text message
 * with a read receipt and a text derived from it, each {@code delay} after the change it reacts to. Its work counts
 * as pending in the {@link DeliveryLog} until done, so that "all delivered" includes the answers still to come.
 */
final class AutoAgent implements ConversationListener {

    private static final Logger LOG = LoggerFactory.getLogger(AutoAgent.class);

    private final EmulatedAgent agent;
    private final Duration delay;
    private final BiFunction<EmulatedConversation, String, String> answer;
    private final BiConsumer<Duration, Runnable> scheduler;
    private final DeliveryLog log;
    /** Conversations whose first consumer text was answered (or is about to be). */
    private final Set<String> answered = ConcurrentHashMap.newKeySet();

    AutoAgent(EmulatedAgent agent, Duration delay, BiFunction<EmulatedConversation, String, String> answer,
            BiConsumer<Duration, Runnable> scheduler, DeliveryLog log) {
        this.agent = agent;
        this.delay = delay;
        this.answer = answer;
        this.scheduler = scheduler;
        this.log = log;
    }

    /** {@code "Hello <firstName>, about: <first message>"} ({@code "Hello, about: ..."} without a first name). */
    static String defaultAnswer(EmulatedConversation conversation, String firstMessage) {
        String firstName = conversation.userProfile() == null ? ""
                : conversation.userProfile().path("firstName").asText("");
        return (firstName.isBlank() ? "Hello" : "Hello " + firstName) + ", about: " + firstMessage;
    }

    @Override
    public void opened(StoredConversation conversation, Details details) {
        later(conversation.id, () -> accept(conversation));
    }

    @Override
    public void published(StoredConversation conversation, EmulatedMessage message) {
        String text = message.text();
        if (message.fromConsumer() && text != null && answered.add(conversation.id)) {
            later(conversation.id, () -> {
                accept(conversation);
                agent.read(conversation.id, message.sequence());
                agent.say(conversation.id, answer.apply(conversation.snapshot(), text));
            });
        }
    }

    void reset() {
        answered.clear();
    }

    private void accept(StoredConversation conversation) {
        if (conversation.details().agentId() == null) {
            agent.accept(conversation.id);
        }
    }

    private void later(String conversationId, Runnable work) {
        long generation = log.workStarted();
        scheduler.accept(delay, () -> {
            try {
                if (log.current(generation)) {
                    work.run();
                }
            } catch (RuntimeException e) { // closed or taken over meanwhile: the agent no longer answers
                LOG.debug("auto-agent skipped conversation {}: {}", conversationId, e.getMessage());
            } finally {
                log.workDone(generation);
            }
        });
    }
}
