package io.github.lpconnector.camel.flows.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.lpconnector.camel.LeasedJdbcIdempotentRepository;
import io.github.lpconnector.camel.LivePersonConnectorConstants;
import io.github.lpconnector.camel.LivePersonHttpException;
import io.github.lpconnector.camel.LivePersonRequestFailedException;
import io.github.lpconnector.camel.LivePersonValidationException;
import org.apache.camel.Exchange;
import org.apache.camel.ExpressionEvaluationException;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Predicate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;
import org.apache.camel.model.dataformat.JsonLibrary;
import javax.sql.DataSource;

import org.apache.camel.support.processor.PredicateValidationException;

/**
 * Kafka → LiveEngage in the Java DSL; the same flow as {@code routes-examples/kafka-to-liveperson.camel.yaml}.
 * <ul>
 * <li>One JSON CRM event per record: {@code {"eventId","customerId","request":{userProfile, conversation, message}}}.</li>
 * <li>Success: a record keyed by the event key on the results topic with the conversationId, then the offset of the
 * record is committed (manual commit, auto-commit off).</li>
 * <li>Events that can never succeed (invalid JSON, no event id, {@link LivePersonValidationException}, HTTP 400, a
 * request LivePerson refused): the original record on the dead-letter topic with headers {@code lp-error} and
 * {@code lp-error-type}, then commit. Caught with doCatch inside the idempotent block, so the event id stays
 * recorded (an onException would make the repository forget it) and a second copy is skipped.</li>
 * <li>The customer already has an open conversation (LivePerson refuses the conversation request, errorCode 40011):
 * typically the answer to an earlier attempt of this event was lost; no second conversation is opened and the result
 * says {@code ALREADY_OPEN}.</li>
 * <li>Anything else (429/5xx after the component's own retries, lost connection, timeout): redelivered in place,
 * then the exchange fails; with {@code breakOnFirstError=true} camel-kafka does not commit it and reads it again.</li>
 * <li>De-duplication by event id in a {@link LeasedJdbcIdempotentRepository} on the {@code lpDataSource} bean, shared
 * by every instance: its {@code add} is atomic through the table's primary key, where a Kafka- or cache-backed
 * repository checks, then adds, and lets two instances both take the same event; the id of an event whose instance
 * was killed mid-way is taken over once its lease ran out (camel-sql's {@code JdbcMessageIdRepository} would keep it:
 * the event would be lost). Confirmed as soon as the outcome is written, before the offset commit.</li>
 * <li>The event id is the conversation's {@code LivePersonCorrelationId}: the agent's replies come back with it.</li>
 * </ul>
 * Tokens: the component obtains them itself (options {@code clientId}/{@code clientSecret} for the AppJWT; the
 * exchange property {@code LivePersonExtConsumerId}, set to the event's customer id, for the ConsumerJWS).
 */
public class KafkaToLivePersonRoute extends RouteBuilder {

    static final String ALREADY_OPEN = "ALREADY_OPEN";
    static final String CREATED = "CREATED";

    /** LivePerson refused the conversation request because the consumer has an open conversation. */
    static final Predicate CONVERSATION_ALREADY_OPEN = exchange -> {
        LivePersonRequestFailedException e = caught(exchange, LivePersonRequestFailedException.class);
        return e != null && e.isConversationAlreadyOpen();
    };

    /** LivePerson answered this HTTP status (after the component's own retries). */
    static Predicate httpStatus(int status) {
        return exchange -> {
            LivePersonHttpException e = caught(exchange, LivePersonHttpException.class);
            return e != null && e.getHttpResponseCode() == status;
        };
    }

    static <T extends Exception> T caught(Exchange exchange, Class<T> type) {
        T e = exchange.getException(type);
        if (e == null) {
            Exception c = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            e = type.isInstance(c) ? type.cast(c) : null;
        }
        return e;
    }

    @Override
    public void configure() throws Exception {
        String brokers = "{{kafka.brokers}}";
        LeasedJdbcIdempotentRepository eventIds = new LeasedJdbcIdempotentRepository(
                getContext().getRegistry().lookupByNameAndType("lpDataSource", DataSource.class),
                resolve("{{flows.kafka.idempotent-processor:kafka-to-liveperson}}"));
        eventIds.setLeaseMillis(Long.parseLong(resolve("{{flows.kafka.idempotent-lease-ms:30000}}")));

        String deadLetters = "kafka:{{flows.kafka.dead-letter-topic:lp-dead-letters}}?brokers=" + brokers;
        String results = "kafka:{{flows.kafka.results-topic:lp-results}}?brokers=" + brokers;

        onException(PredicateValidationException.class, JsonProcessingException.class, ExpressionEvaluationException.class)
                .handled(true).useOriginalMessage()
                .process(KafkaToLivePersonRoute::describeError)
                .to(deadLetters)
                .process(KafkaToLivePersonRoute::commit);
        onException(Exception.class)
                .maximumRedeliveries(Integer.parseInt(resolve("{{flows.redeliveries:4}}")))
                .redeliveryDelay(Long.parseLong(resolve("{{flows.redelivery-delay:100}}")))
                .useExponentialBackOff().backOffMultiplier(2).maximumRedeliveryDelay(10_000)
                .retryAttemptedLogLevel(LoggingLevel.DEBUG)
                .logExhaustedMessageHistory(false);

        from("kafka:{{flows.kafka.events-topic:crm-events}}?brokers=" + brokers
             + "&groupId={{flows.kafka.group:lp-connector}}&consumersCount={{flows.kafka.consumers:4}}"
             + "&autoOffsetReset=earliest&autoCommitEnable=false&allowManualCommit=true&breakOnFirstError=true"
             + "&maxPollRecords={{flows.kafka.max-poll-records:50}}&pollTimeoutMs=500")
                .routeId("kafka-to-liveperson-java")
                .setProperty("lpEvent", body())
                .unmarshal().json(JsonLibrary.Jackson)
                .validate((Predicate) simple("${body[eventId]} != null && ${body[customerId]} != null"))
                .setProperty("eventId", simple("${body[eventId]}"))
                .setProperty("customerId", simple("${body[customerId]}"))
                .idempotentConsumer(exchangeProperty("eventId"), eventIds).completionEager(true)
                    // doCatch (not onException) for the final outcomes: the event id stays recorded, so a second
                    // copy of a dead-lettered event is skipped too
                    .doTry()
                        // the consumer whose ConsumerJWS the component obtains and caches
                        .setProperty(LivePersonConnectorConstants.PROPERTY_EXT_CONSUMER_ID, exchangeProperty("customerId"))
                        .setHeader(LivePersonConnectorConstants.CORRELATION_ID, exchangeProperty("eventId"))
                        .setBody(simple("${body[request]}"))
                        .to("liveperson-connector:create")
                        .process(exchange -> result(exchange, CREATED))
                        .to(results)
                    .doCatch(LivePersonRequestFailedException.class).onWhen(CONVERSATION_ALREADY_OPEN)
                        .process(exchange -> result(exchange, ALREADY_OPEN))
                        .to(results)
                    .endDoTry()
                    .doCatch(LivePersonHttpException.class).onWhen(httpStatus(400))
                        .process(KafkaToLivePersonRoute::deadLetter)
                        .to(deadLetters)
                    .endDoTry()
                    // last: the one catch without onWhen
                    .doCatch(LivePersonValidationException.class, LivePersonRequestFailedException.class)
                        .process(KafkaToLivePersonRoute::deadLetter)
                        .to(deadLetters)
                    .end()
                .end()
                // after the result or dead letter was written (or the event was a duplicate): commit the offset
                .process(KafkaToLivePersonRoute::commit);
    }

    private String resolve(String placeholder) {
        return getContext().resolvePropertyPlaceholders(placeholder);
    }

    private static void result(Exchange exchange, String status) {
        boolean alreadyOpen = ALREADY_OPEN.equals(status);
        String conversationId = exchange.getMessage().getHeader("conversationId", String.class);
        exchange.getMessage().setBody("{\"eventId\":\"" + exchange.getProperty("eventId") + "\",\"customerId\":\""
                                      + exchange.getProperty("customerId") + "\",\"status\":\""
                                      + (alreadyOpen ? ALREADY_OPEN : CREATED) + "\",\"conversationId\":"
                                      + (alreadyOpen || conversationId == null ? "null" : "\"" + conversationId + "\"")
                                      + "}");
    }

    private static void deadLetter(Exchange exchange) {
        exchange.getMessage().setBody(exchange.getProperty("lpEvent"));
        describeError(exchange);
    }

    private static void describeError(Exchange exchange) {
        Exception e = caught(exchange, Exception.class);
        exchange.getMessage().setHeader("lp-error-type", e.getClass().getName());
        exchange.getMessage().setHeader("lp-error", e.getMessage());
    }

    private static void commit(Exchange exchange) {
        KafkaManualCommit manual = exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
        if (manual != null) {
            manual.commit();
        }
    }
}
