package io.github.lpconnector.camel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.lpconnector.camel.emulator.EmulatedMessage;
import io.github.lpconnector.camel.emulator.RecordedRequest;
import io.github.lpconnector.camel.model.CsatRating;
import io.github.lpconnector.camel.model.FileUpload;
import io.github.lpconnector.camel.model.LivePersonEvent.ChatStateEvent;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.FILE_RELATIVE_PATH;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.MESSAGE_SEQUENCE;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code send} of a file (LivePerson's file-sharing flow), of a CSAT rating, and of a chat state, against the emulator. */
class SendFileAndCsatTest extends LifecycleTestSupport {

    static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 42 };

    @Test
    void aFileAsBytesIsUploadedAndPublishedWithItsCaption() throws Exception {
        start();
        String conversationId = open("ada");

        Exchange exchange = ok(send("send", "ada", conversationId, FileUpload.of(PNG, "PNG", "the receipt")));

        String path = exchange.getMessage().getHeader(FILE_RELATIVE_PATH, String.class);
        assertThat(path).startsWith("/v1/AUTH_async-images/" + ACCOUNT + "/");
        assertThat(EMULATOR.emulator().storedFile(path)).get().isEqualTo(PNG);
        EmulatedMessage published = EMULATOR.conversation(conversationId).orElseThrow().messages().get(0);
        assertThat(published.event().path("contentType").asText()).isEqualTo("hosted/file");
        assertThat(published.event().path("message").path("relativePath").asText()).isEqualTo(path);
        assertThat(published.event().path("message").path("caption").asText()).isEqualTo("the receipt");
        assertThat(published.event().path("message").path("fileType").asText()).isEqualTo("PNG");
        assertThat(exchange.getMessage().getHeader(MESSAGE_SEQUENCE)).isEqualTo(published.sequence());
        RecordedRequest urlRequest = EMULATOR.requests().stream()
                .filter(r -> r.bodyText().contains("ms.GenerateURLForUploadFile")).findFirst().orElseThrow();
        assertThat(urlRequest.json().path("body").path("fileSize").asText()).isEqualTo(String.valueOf(PNG.length));
        assertThat(EMULATOR.requests().stream().filter(r -> "swift".equals(r.service())))
                .singleElement().satisfies(put -> {
                    assertThat(put.method()).isEqualTo("PUT");
                    assertThat(put.header("Content-Type")).startsWith("image/png");
                    assertThat(put.status()).isEqualTo(201);
                });
    }

    @Test
    void aFileByItsPathTakesItsTypeFromTheName(@TempDir Path dir) throws Exception {
        start();
        String conversationId = open("grace");
        Path photo = Files.write(dir.resolve("photo.jpeg"), new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1 });

        Exchange exchange = ok(send("send", "grace", conversationId, FileUpload.of(photo, null)));

        String path = exchange.getMessage().getHeader(FILE_RELATIVE_PATH, String.class);
        assertThat(path).endsWith(".JPEG");
        assertThat(EMULATOR.emulator().storedFile(path)).get().isEqualTo(Files.readAllBytes(photo));
        JsonNode message = EMULATOR.conversation(conversationId).orElseThrow().messages().get(0).event().path("message");
        assertThat(message.path("fileType").asText()).isEqualTo("JPEG");
        assertThat(message.has("caption")).isFalse();
    }

    @Test
    void aFileLivePersonWouldRefuseIsRefusedBeforeAnyCall(@TempDir Path dir) throws Exception {
        start();
        String conversationId = open("linus");
        EMULATOR.clearRequests();

        Map<Object, String> refused = Map.of(
                FileUpload.of(new byte[3 * 1024 * 1024 + 1], "PNG", null), "body.content",
                FileUpload.of(PNG, "PDF", null), "body.fileType",
                FileUpload.of(new byte[0], "GIF", null), "body.content",
                FileUpload.of(PNG, "PNG", null).withPreview("data:image/png;base64," + "A".repeat(30 * 1024)),
                "body.preview",
                FileUpload.of(dir.resolve("missing.png"), null), "body.path",
                FileUpload.of(dir.resolve("notes.txt"), null), "body.fileType");
        refused.forEach((body, field) -> {
            Exchange exchange = send("send", "linus", conversationId, body);
            assertThat(exchange.getException()).as("%s", body).isInstanceOf(LivePersonValidationException.class);
            assertThat(((LivePersonValidationException) exchange.getException()).getField()).as("%s", body)
                    .isEqualTo(field);
        });
        assertThat(EMULATOR.requests()).isEmpty();
    }

    @Test
    void aRefusedUploadSaysNothingWasPublished() throws Exception {
        start();
        String conversationId = open("barbara");
        // seed 1 draws 0.73, 0.41: the URL request passes, the PUT gets 401, as for an invalid temp URL
        EMULATOR.faults().statusShare(401, 0.5).seed(1);

        Exchange exchange = send("send", "barbara", conversationId, FileUpload.of(PNG, "GIF", null));

        assertThat(exchange.getException()).isInstanceOf(LivePersonHttpException.class)
                .hasMessageContaining("upload to the file storage").hasMessageContaining("nothing was published")
                .hasMessageContaining("401");
        assertThat(EMULATOR.count("swift", 401)).isEqualTo(1);
        assertThat(EMULATOR.count("sentinel")).as("a refused upload does not renew the AppJWT").isEqualTo(1);
        assertThat(EMULATOR.conversation(conversationId).orElseThrow().messages()).isEmpty();
    }

    @Test
    void aFailedPublishAfterTheUploadNamesTheUploadedFile() throws Exception {
        start();
        String conversationId = open("margaret");
        // seed 7 draws 0.73, 0.75, 0.35: the URL request and the PUT pass, the publish gets a 500 (not retried)
        EMULATOR.faults().statusShare(500, 0.5).seed(7);

        Exchange exchange = send("send", "margaret", conversationId, FileUpload.of(PNG, "PNG", "x"));

        String path = exchange.getMessage().getHeader(FILE_RELATIVE_PATH, String.class);
        assertThat(path).isNotNull();
        assertThat(EMULATOR.emulator().storedFile(path)).isPresent();
        assertThat(exchange.getException()).isInstanceOf(LivePersonHttpException.class)
                .hasMessageContaining("the file uploaded to " + path).hasMessageContaining("500");
        assertThat(EMULATOR.conversation(conversationId).orElseThrow().messages()).isEmpty();
    }

    @Test
    void csatAfterCloseAsATypedRatingAndAsAMap() throws Exception {
        start();
        String conversationId = open("alan");
        ok(send("close", "alan", conversationId, null));

        Exchange typed = ok(send("send", "alan", conversationId, CsatRating.filled(5, true)));

        assertThat(typed.getMessage().getHeader(MESSAGE_SEQUENCE)).isNull();
        JsonNode csat = EMULATOR.emulator().csat(conversationId).orElseThrow();
        assertThat(csat.path("csatRate").asInt()).isEqualTo(5);
        assertThat(csat.path("csatResolutionConfirmation").asBoolean()).isTrue();
        assertThat(csat.path("status").asText()).isEqualTo("FILLED");
        RecordedRequest sent = EMULATOR.requests().get(EMULATOR.requests().size() - 1);
        assertThat(sent.json().path("type").asText()).isEqualTo("cm.UpdateConversationField");

        ok(send("send", "alan", conversationId, Map.of("field", "CSATRate", "csatRate", 2,
                "csatResolutionConfirmation", false, "status", "PARTIALLY_FILLED")));
        assertThat(EMULATOR.emulator().csat(conversationId).orElseThrow().path("csatRate").asInt()).isEqualTo(2);

        Exchange bad = send("send", "alan", conversationId, new CsatRating(6, true, CsatRating.Status.FILLED));
        assertThat(bad.getException()).isInstanceOf(LivePersonValidationException.class);
        assertThat(((LivePersonValidationException) bad.getException()).getField()).isEqualTo("body.csatRate");
    }

    @Test
    void aChatStateGetsNoSequenceHeaderThoughLivePersonAnswersZero() throws Exception {
        start();
        String conversationId = open("edsger");
        ok(send("send", "edsger", conversationId, "one"));

        Exchange typing = send("send", "edsger", conversationId, ChatStateEvent.composing());

        ok(typing);
        assertThat(typing.getMessage().getHeader(MESSAGE_SEQUENCE)).isNull();
        assertThat(ok(send("send", "edsger", conversationId, "two")).getMessage().getHeader(MESSAGE_SEQUENCE))
                .isEqualTo(1L);
    }
}
