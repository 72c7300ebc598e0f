package io.github.lpconnector.camel.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LiveEngage's webhook signature checked over the raw body bytes, against LivePerson's own known-answer vectors
 * (its demo connector's test: secret {@code rl9hacst6kqilbofup64n11ga3}) and the worked example of the webhooks
 * reference (secret {@code kgvbkk7glku72jgtmpi6l4a872}, a body with non-ASCII text) in all four variants.
 */
class WebhookSignatureTest {

    static byte[] resource(String name) throws IOException {
        try (InputStream in = WebhookSignatureTest.class.getResourceAsStream("/notifications/" + name)) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @CsvSource({
            "demo-consumer-pause.json, sha1=e/TfS0wv1HbvEsMqcBMmFLcMslI=",
            "demo-conversation-closed.json, sha1=CKiT6u4nb4Mpi0tdbCbgBXKAF1E=",
            "demo-consumer-pause.json, sha1=7bf4df4b4c2fd476ef12c32a70132614b70cb252",
            "demo-conversation-closed.json, sha1=08a893eaee276f83298b4b5d6c26e00572801751" })
    void livePersonsDemoVectorsVerify(String body, String header) throws Exception {
        WebhookSignature signature = new WebhookSignature("rl9hacst6kqilbofup64n11ga3");
        assertThat(signature.matches(resource(body), header)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "demo-consumer-pause.json, sha1=e/TfS0wv1HbvEsMqcBMmFLcMslI=",
            "demo-conversation-closed.json, sha1=CKiT6u4nb4Mpi0tdbCbgBXKAF1E=" })
    void signingGivesLivePersonsDefaultHeader(String body, String header) throws Exception {
        assertThat(new WebhookSignature("rl9hacst6kqilbofup64n11ga3").sign(resource(body))).isEqualTo(header);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "sha1=CcOWsB+DkOviGu3rubk+1BEyrLU=",
            "sha1=09c396b01f8390ebe21aedebb9b93ed41132acb5",
            "sha256=LYesk9Nomm8lkeZDptJJCBYtzyMmmXYwZL7rvsX0N2A=",
            "sha256=2d87ac93d3689a6f2591e643a6d24908162dcf232699763064beebbec5f43760",
            "SHA1=CcOWsB+DkOviGu3rubk+1BEyrLU=" })
    void theWorkedExampleVerifiesInEveryVariant(String header) throws Exception {
        byte[] body = resource("worked-example-agent-text.json");
        assertThat(body).hasSize(409);
        assertThat(new WebhookSignature("kgvbkk7glku72jgtmpi6l4a872").matches(body, header)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "sha1=aVVqGBGIKpLSlcHEz8iTIxhr/PI=", // the body through an ASCII decoder: the bug of two published peers
            "sha1=3eAwYrO3iG6rnnZUZ4UZzRZOnHY=", // the body parsed and written again
            "sha1=dU14dfvEVqpTc6SbXrmjXNwYxZ0=", // the body pretty-printed
            "sha256=CcOWsB+DkOviGu3rubk+1BEyrLU=", // a SHA-1 value under the SHA-256 prefix
            "md5=CcOWsB+DkOviGu3rubk+1BEyrLU=", "CcOWsB+DkOviGu3rubk+1BEyrLU=", "sha1=", "sha1=not base64!",
            "sha1=DcOWsB+DkOviGu3rubk+1BEyrLU=", "sha1=09c396b01f8390ebe21aedebb9b93ed41132acb", "" })
    void anyOtherSignatureIsRefused(String header) throws Exception {
        assertThat(new WebhookSignature("kgvbkk7glku72jgtmpi6l4a872")
                .matches(resource("worked-example-agent-text.json"), header)).isFalse();
    }

    @Test
    void theSecretIsItsUtf8BytesAndAMissingHeaderIsRefused() throws Exception {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        WebhookSignature accented = new WebhookSignature("sécret");
        assertThat(accented.matches(body, accented.sign(body))).isTrue();
        assertThat(new WebhookSignature("s\u00e9cret".replace("é", "e")).matches(body, accented.sign(body))).isFalse();
        assertThat(accented.matches(body, null)).isFalse();
    }
}
