package io.github.lpconnector.camel.emulator;

import static io.github.lpconnector.camel.emulator.WebhookSignature.Algorithm.SHA1;
import static io.github.lpconnector.camel.emulator.WebhookSignature.Algorithm.SHA256;
import static io.github.lpconnector.camel.emulator.WebhookSignature.Encoding.BASE64;
import static io.github.lpconnector.camel.emulator.WebhookSignature.Encoding.HEX;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** LivePerson's known-answer vectors of liveperson-webhooks.md §2.3 and §2.4. */
class WebhookSignatureTest {

    /** §2.4: the DC sample secret and the DC "Agent sent a text message" example with a non-ASCII message. */
    static final String SECRET = "kgvbkk7glku72jgtmpi6l4a872";
    static final String BODY = "{\"kind\":\"notification\",\"body\":{\"changes\":[{\"sequence\":2,\"originatorId\":"
            + "\"29c3019d-fe0b-5200-afe8-737abfeae4b4\",\"originatorMetadata\":{\"id\":"
            + "\"29c3019d-fe0b-5200-afe8-737abfeae4b4\",\"role\":\"ASSIGNED_AGENT\"},\"serverTimestamp\":1528371199686,"
            + "\"event\":{\"type\":\"ContentEvent\",\"message\":\"Gr\u00fc\u00dfe \ud83d\udc4b\",\"contentType\":"
            + "\"text/plain\"},\"dialogId\":\"5491244f-e462-4c63-bf4e-faf4b2d3e7b5\"}]},\"type\":"
            + "\"ms.MessagingEventNotification\"}";

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void demoVectorsOfLivePersonsOwnTest() {
        assertThat(WebhookSignature.sign(LivePersonExamples.DEMO_SECRET, utf8(LivePersonExamples.DEMO_PAUSE)))
                .isEqualTo("sha1=e/TfS0wv1HbvEsMqcBMmFLcMslI=");
        assertThat(WebhookSignature.sign(LivePersonExamples.DEMO_SECRET, utf8(LivePersonExamples.DEMO_CLOSE)))
                .isEqualTo("sha1=CKiT6u4nb4Mpi0tdbCbgBXKAF1E=");
        assertThat(WebhookSignature.sign(LivePersonExamples.DEMO_SECRET, utf8(LivePersonExamples.DEMO_PAUSE), SHA1,
                HEX)).isEqualTo("sha1=7bf4df4b4c2fd476ef12c32a70132614b70cb252");
        assertThat(WebhookSignature.sign(LivePersonExamples.DEMO_SECRET, utf8(LivePersonExamples.DEMO_CLOSE), SHA1,
                HEX)).isEqualTo("sha1=08a893eaee276f83298b4b5d6c26e00572801751");
    }

    @Test
    void workedExampleTable() throws Exception {
        byte[] body = utf8(BODY);
        assertThat(body).hasSize(409);
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)))
                .as("the fixture is byte-identical to the doc's")
                .isEqualTo("3cb513b9f5affa43c96b0b7306e47f04b1639859f05fd25eab3f66a453709deb");
        assertThat(WebhookSignature.sign(SECRET, body)).isEqualTo("sha1=CcOWsB+DkOviGu3rubk+1BEyrLU=");
        assertThat(WebhookSignature.sign(SECRET, body, SHA1, BASE64)).isEqualTo("sha1=CcOWsB+DkOviGu3rubk+1BEyrLU=");
        assertThat(WebhookSignature.sign(SECRET, body, SHA1, HEX))
                .isEqualTo("sha1=09c396b01f8390ebe21aedebb9b93ed41132acb5");
        assertThat(WebhookSignature.sign(SECRET, body, SHA256, BASE64))
                .isEqualTo("sha256=LYesk9Nomm8lkeZDptJJCBYtzyMmmXYwZL7rvsX0N2A=");
        assertThat(WebhookSignature.sign(SECRET, body, SHA256, HEX))
                .isEqualTo("sha256=2d87ac93d3689a6f2591e643a6d24908162dcf232699763064beebbec5f43760");
    }

    @Test
    void verifiesEveryVariantAndRejectsTheDocumentedWrongOnes() {
        byte[] body = utf8(BODY);
        for (String good : new String[] {"sha1=CcOWsB+DkOviGu3rubk+1BEyrLU=",
            "sha1=09c396b01f8390ebe21aedebb9b93ed41132acb5", "sha1=09C396B01F8390EBE21AEDEBB9B93ED41132ACB5",
            "sha256=LYesk9Nomm8lkeZDptJJCBYtzyMmmXYwZL7rvsX0N2A=",
            "sha256=2d87ac93d3689a6f2591e643a6d24908162dcf232699763064beebbec5f43760"}) {
            assertThat(WebhookSignature.verify(good, SECRET, body)).as(good).isTrue();
        }
        // §2.4 "wrong" rows: the ASCII-decoded body, the re-serialised body, the pretty-printed body
        for (String wrong : new String[] {"sha1=aVVqGBGIKpLSlcHEz8iTIxhr/PI=", "sha1=3eAwYrO3iG6rnnZUZ4UZzRZOnHY=",
            "sha1=dU14dfvEVqpTc6SbXrmjXNwYxZ0=", "sha256=CcOWsB+DkOviGu3rubk+1BEyrLU=",
            "md5=CcOWsB+DkOviGu3rubk+1BEyrLU=", "CcOWsB+DkOviGu3rubk+1BEyrLU=", "sha1=", "sha1=%%%", null}) {
            assertThat(WebhookSignature.verify(wrong, SECRET, body)).as(String.valueOf(wrong)).isFalse();
        }
        assertThat(WebhookSignature.verify("sha1=CcOWsB+DkOviGu3rubk+1BEyrLU=", "another-secret", body)).isFalse();
        // the ASCII bug itself: .NET's Encoding.ASCII turns each UTF-16 unit outside ASCII into '?'
        StringBuilder ascii = new StringBuilder();
        BODY.chars().forEach(c -> ascii.append(c < 128 ? (char) c : '?'));
        assertThat(WebhookSignature.sign(SECRET, utf8(ascii.toString())))
                .isEqualTo("sha1=aVVqGBGIKpLSlcHEz8iTIxhr/PI=");
    }
}
