package io.github.lpconnector.camel.flows;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;

import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * An embedded ActiveMQ Artemis broker for the JMS flow: persistent (NIO journal in a temporary directory), one TCP
 * acceptor on 127.0.0.1 and a free port (clients connect over the network, not in-VM), security off, and a
 * dead-letter address {@value #DLA} for messages whose redeliveries the broker gave up on.
 */
public final class ArtemisTestBroker implements AutoCloseable {

    /** The broker's own dead-letter address (and anycast queue) for exhausted redeliveries. */
    public static final String DLA = "DLA";
    /** Where expired messages go (none expire in the tests; configured so that Artemis does not warn). */
    public static final String EXPIRY = "ExpiryQueue";

    private final EmbeddedActiveMQ broker;
    private final String url;
    private final ActiveMQConnectionFactory clientFactory;

    private ArtemisTestBroker(EmbeddedActiveMQ broker, String url) {
        this.broker = broker;
        this.url = url;
        this.clientFactory = new ActiveMQConnectionFactory(url);
    }

    public static ArtemisTestBroker start(Path dir) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "tcp://127.0.0.1:" + port;
        ConfigurationImpl config = new ConfigurationImpl();
        config.setName("lp-flows-test");
        config.setPersistenceEnabled(true);
        config.setJournalType(JournalType.NIO);
        // no fsync per commit: the tests do not power off the machine, and this 2-core host is shared
        config.setJournalDatasync(false);
        config.setJournalDirectory(dir.resolve("journal").toString());
        config.setBindingsDirectory(dir.resolve("bindings").toString());
        config.setPagingDirectory(dir.resolve("paging").toString());
        config.setLargeMessagesDirectory(dir.resolve("large-messages").toString());
        config.setSecurityEnabled(false);
        config.setJMXManagementEnabled(false);
        config.addAcceptorConfiguration("tcp", url);
        config.addQueueConfiguration(QueueConfiguration.of(DLA).setRoutingType(RoutingType.ANYCAST));
        config.addQueueConfiguration(QueueConfiguration.of(EXPIRY).setRoutingType(RoutingType.ANYCAST));
        config.addAddressSetting("#", new AddressSettings().setDeadLetterAddress(SimpleString.of(DLA))
                .setExpiryAddress(SimpleString.of(EXPIRY)));
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(config);
        broker.start();
        return new ArtemisTestBroker(broker, url);
    }

    /** {@code tcp://127.0.0.1:<port>}: the broker's network acceptor. */
    public String url() {
        return url;
    }

    /**
     * Redelivery of one address (queue): after a rollback the broker waits {@code redeliveryDelayMs} before it
     * delivers the message again, and after {@code maxDeliveryAttempts} deliveries it moves the message to
     * {@value #DLA}.
     */
    public void redelivery(String address, long redeliveryDelayMs, int maxDeliveryAttempts) {
        AddressSettings settings = new AddressSettings()
                .setRedeliveryDelay(redeliveryDelayMs)
                .setMaxDeliveryAttempts(maxDeliveryAttempts)
                .setDeadLetterAddress(SimpleString.of(DLA));
        broker.getActiveMQServer().getAddressSettingsRepository().addMatch(address, settings);
    }

    /**
     * Sends text messages with the given JMS string properties (e.g. {@code _AMQ_DUPL_ID}), outside a transaction:
     * each durable send blocks until the broker has it, and a message whose duplicate id the broker has seen is
     * dropped silently (in a transacted session Artemis would refuse the commit instead).
     */
    public void send(String queue, List<String> bodies, List<Map<String, String>> properties) {
        try (JMSContext context = clientFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE)) {
            Queue q = context.createQueue(queue);
            for (int i = 0; i < bodies.size(); i++) {
                JMSProducer producer = context.createProducer();
                properties.get(i).forEach(producer::setProperty);
                producer.send(q, bodies.get(i));
            }
        }
    }

    /**
     * The messages on a queue, not consumed; none for a queue the broker has not created yet (Artemis creates a queue
     * on its first message, so a test polling for results can ask before the route has sent one).
     */
    public List<Message> browse(String queue) {
        if (broker.getActiveMQServer().locateQueue(SimpleString.of(queue)) == null) {
            return List.of();
        }
        try (JMSContext context = clientFactory.createContext()) {
            QueueBrowser browser = context.createBrowser(context.createQueue(queue));
            return new ArrayList<>(Collections.list(browser.getEnumeration()).stream().map(Message.class::cast)
                    .toList());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Messages on a queue (Artemis counts scheduled and delivering ones too); 0 for an unknown queue. */
    public long messageCount(String queue) {
        var q = broker.getActiveMQServer().locateQueue(SimpleString.of(queue));
        return q == null ? 0 : q.getMessageCount();
    }

    /** Messages the broker accepted on a queue since it started (duplicates it dropped not included). */
    public long messagesAdded(String queue) {
        var q = broker.getActiveMQServer().locateQueue(SimpleString.of(queue));
        return q == null ? 0 : q.getMessagesAdded();
    }

    /** Consumes and drops every message of a queue. */
    public void purge(String queue) {
        try (JMSContext context = clientFactory.createContext(); JMSConsumer consumer =
                context.createConsumer(context.createQueue(queue))) {
            while (consumer.receive(200) != null) {
                // dropped
            }
        }
    }

    @Override
    public void close() throws Exception {
        clientFactory.close();
        broker.stop();
    }
}
