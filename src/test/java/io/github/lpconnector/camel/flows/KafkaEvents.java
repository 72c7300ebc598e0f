package io.github.lpconnector.camel.flows;

import java.util.AbstractMap.SimpleEntry;
import java.util.Map;

/** CRM events as the Kafka, JMS, file and webhook flows receive them. */
public final class KafkaEvents {

    private KafkaEvents() {
    }

    public static String eventId(String prefix, int n) {
        return String.format("%s-evt-%06d", prefix, n);
    }

    public static String customerId(String prefix, int n) {
        return String.format("%s-cust-%06d", prefix, n);
    }

    /** A valid event: the customer's profile and a first message. */
    public static String valid(String eventId, String customerId) {
        return "{\"eventId\":\"" + eventId + "\",\"customerId\":\"" + customerId + "\",\"request\":{"
               + "\"userProfile\":{\"firstName\":\"Ada\",\"userId\":\"" + customerId + "\"},"
               + "\"message\":\"Order problem reported by " + customerId + "\"}}";
    }

    /** Refused by the component before any call: firstName must be a string. */
    public static String invalidProfile(String eventId, String customerId) {
        return "{\"eventId\":\"" + eventId + "\",\"customerId\":\"" + customerId + "\",\"request\":{"
               + "\"userProfile\":{\"firstName\":42},\"message\":\"hello\"}}";
    }

    /** Refused by LivePerson with HTTP 400: the brand is not the account's. */
    public static String wrongBrand(String eventId, String customerId) {
        return "{\"eventId\":\"" + eventId + "\",\"customerId\":\"" + customerId + "\",\"request\":{"
               + "\"conversation\":{\"brandId\":\"99999999\"},\"message\":\"hello\"}}";
    }

    public static Map.Entry<String, String> record(String key, String value) {
        return new SimpleEntry<>(key, value);
    }
}
