package io.github.lpconnector.camel.emulator;

import static io.github.lpconnector.camel.emulator.EmulatorClient.publish;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.lpconnector.camel.emulator.EmulatorClient.Answer;

/** LivePerson's file-sharing flow, step by step as DC examples/9_example_share_image.md shows it. */
class FileSharingTest {

    static final String ACCOUNT = "64467156";
    static final ManualClock CLOCK = ManualClock.ofNow();
    static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3 };

    @RegisterExtension
    static LiveEngageEmulatorExtension EMULATOR = LiveEngageEmulatorExtension.create(b -> b.clock(CLOCK));

    EmulatorClient client;
    String convId;

    @BeforeEach
    void open() {
        client = new EmulatorClient(EMULATOR.emulator());
        convId = client.open(ACCOUNT, "john", "hello");
    }

    @Test
    void uploadPublishAndDownloadAsTheExampleDoes() throws Exception {
        // step 3: the example's request, id a number
        Answer url = client.send(ACCOUNT, "john", "{\"kind\":\"req\",\"id\":3,\"body\":{\"fileSize\":\"1000\","
                + "\"fileType\":\"PNG\"},\"type\":\"ms.GenerateURLForUploadFile\"}");
        assertThat(url.status()).isEqualTo(200);
        assertThat(url.json().path("code").asText()).isEqualTo("OK");
        assertThat(url.json().path("reqId").asText()).isEqualTo("3");
        String path = url.json().path("body").path("relativePath").asText();
        JsonNode query = url.json().path("body").path("queryParams");
        assertThat(path).startsWith("/v1/AUTH_async-images/" + ACCOUNT + "/").endsWith(".PNG");
        assertThat(query.path("temp_url_sig").asText()).matches("[0-9a-f]{40}");
        assertThat(Long.parseLong(query.path("temp_url_expires").asText()))
                .isEqualTo(CLOCK.instant().plus(Duration.ofMinutes(1)).getEpochSecond());

        // step 4: PUT the bytes to swift
        HttpResponse<byte[]> put = swift("PUT", path, query, PNG);
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(EMULATOR.emulator().storedFile(path)).get().isEqualTo(PNG);
        assertThat(swift("GET", path, query, null).statusCode()).as("an upload URL does not download")
                .isEqualTo(401);

        // step 5: publish it
        Answer published = client.send(ACCOUNT, "john", publish("5", convId, "{\"type\":\"ContentEvent\","
                + "\"message\":{\"caption\":\"File logo\",\"relativePath\":\"" + path + "\",\"fileType\":\"PNG\"},"
                + "\"contentType\":\"hosted/file\"}"));
        assertThat(published.json().path("body").path("sequence").asInt()).isEqualTo(1);

        // steps 6 and 7: download URL, GET
        Answer download = client.send(ACCOUNT, "john", "{\"kind\":\"req\",\"id\":\"3\",\"body\":{\"relativePath\":\""
                + path + "\"},\"type\":\"ms.GenerateURLForDownloadFile\"}");
        assertThat(download.json().path("body").path("relativePath").asText()).isEqualTo(path);
        HttpResponse<byte[]> get = swift("GET", path, download.json().path("body").path("queryParams"), null);
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(PNG);
        assertThat(get.headers().firstValue("Content-Type")).hasValue("image/png");
    }

    @Test
    void anInvalidOrExpiredTempUrlIs401() throws Exception {
        Answer url = uploadUrl("2000", "JPG");
        String path = url.json().path("body").path("relativePath").asText();
        JsonNode query = url.json().path("body").path("queryParams");
        JsonNode forged = EmulatorClient.MAPPER.createObjectNode().put("temp_url_sig", "0".repeat(40))
                .put("temp_url_expires", query.path("temp_url_expires").asText());
        assertThat(swift("PUT", path, forged, PNG).statusCode()).isEqualTo(401);
        assertThat(new String(swift("PUT", path, forged, PNG).body())).contains("Temp URL invalid");
        assertThat(swift("PUT", path + "x", query, PNG).statusCode()).as("another path").isEqualTo(401);

        CLOCK.advance(Duration.ofSeconds(61)); // "file expiration is set to 1 minute by default"

        assertThat(swift("PUT", path, query, PNG).statusCode()).isEqualTo(401);
        assertThat(EMULATOR.emulator().storedFile(path)).isEmpty();
    }

    @Test
    void theThreeMegabyteAndTypeLimits() throws Exception {
        assertThat(uploadUrl(String.valueOf(3 * 1024 * 1024 + 1), "PNG").errorCode())
                .isEqualTo(ErrorCodes.INVALID_FILE);
        assertThat(uploadUrl("1000", "PDF").errorCode()).isEqualTo(ErrorCodes.INVALID_FILE);
        assertThat(uploadUrl("a lot", "PNG").errorCode()).isEqualTo(ErrorCodes.INVALID_FILE);
        Answer url = uploadUrl(String.valueOf(3 * 1024 * 1024), "GIF");
        assertThat(url.status()).isEqualTo(200);
        String path = url.json().path("body").path("relativePath").asText();
        byte[] tooLarge = new byte[3 * 1024 * 1024 + 1];
        assertThat(swift("PUT", path, url.json().path("body").path("queryParams"), tooLarge).statusCode())
                .isEqualTo(413);
        // the preview of a published file "must be under 30KB"
        Answer preview = client.send(ACCOUNT, "john", publish("p", convId, "{\"type\":\"ContentEvent\","
                + "\"contentType\":\"hosted/file\",\"message\":{\"relativePath\":\"" + path + "\",\"fileType\":"
                + "\"GIF\",\"preview\":\"data:image/png;base64," + "A".repeat(30 * 1024) + "\"}}"));
        assertThat(preview.errorCode()).isEqualTo(ErrorCodes.INVALID_EVENT);
    }

    @Test
    void anUploadUrlNeedsAnOpenConversationAndADownloadUrlTheAccountsPath() {
        assertThat(client.send(ACCOUNT, "john", EmulatorClient.close("c", convId)).status()).isEqualTo(200);
        assertThat(uploadUrl("1000", "PNG").errorCode()).isEqualTo(ErrorCodes.CONVERSATION_NOT_FOUND);
        Answer foreign = client.send(ACCOUNT, "john", "{\"kind\":\"req\",\"id\":\"d\",\"body\":{\"relativePath\":"
                + "\"/v1/AUTH_async-images/other/x.PNG\"},\"type\":\"ms.GenerateURLForDownloadFile\"}");
        assertThat(foreign.errorCode()).isEqualTo(ErrorCodes.INVALID_FILE);
    }

    private Answer uploadUrl(String size, String type) {
        return client.send(ACCOUNT, "john", "{\"kind\":\"req\",\"id\":\"u\",\"type\":\"ms.GenerateURLForUploadFile\","
                + "\"body\":{\"fileSize\":\"" + size + "\",\"fileType\":\"" + type + "\"}}");
    }

    /** {@code METHOD https://{swift}/{relativePath}?temp_url_sig=..&temp_url_expires=..} as step 4 and 7 show. */
    private static HttpResponse<byte[]> swift(String method, String path, JsonNode query, byte[] body)
            throws IOException, InterruptedException {
        URI uri = URI.create(EMULATOR.baseUri() + path + "?temp_url_sig=" + query.path("temp_url_sig").asText()
                + "&temp_url_expires=" + query.path("temp_url_expires").asText());
        HttpRequest.BodyPublisher content = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(Arrays.copyOf(body, body.length));
        return EmulatorClient.HTTP.send(HttpRequest.newBuilder(uri).method(method, content).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
