package io.github.lpconnector.camel.internal;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.lpconnector.camel.LivePersonConnectorException;
import io.github.lpconnector.camel.LivePersonHttpException;
import io.github.lpconnector.camel.model.LivePersonEvent.HostedFileEvent;
import org.apache.camel.Exchange;

import static io.github.lpconnector.camel.LivePersonConnectorConstants.FILE_RELATIVE_PATH;
import static io.github.lpconnector.camel.LivePersonConnectorConstants.HTTP_STATUS;
import static io.github.lpconnector.camel.internal.Protocol.TYPE_GENERATE_UPLOAD_URL;
import static io.github.lpconnector.camel.internal.Protocol.TYPE_PUBLISH_EVENT;

/**
 * {@code send} of a file, LivePerson's file-sharing flow in three calls, each started when the one before answered
 * (no thread waits): SEND {@code ms.GenerateURLForUploadFile} for a temporary upload URL, PUT of the bytes to the file
 * storage ({@code swift}), SEND {@code ms.PublishEvent} of the {@code hosted/file} event. The answer handed to
 * {@link #complete} is the publish's, or the URL request's when that was an HTTP error (so that a 401 renews the
 * token and the flow starts again); a refused URL request or upload fails the call with what happened, and a failed
 * publish says the file was uploaded.
 */
final class FileUploadCall implements ConnectorOperation.PreparedCall {

    private final String urlRequestId;
    private final String publishRequestId;
    private final String conversationId;
    private final FileUploads.Upload file;
    /** The path the file was uploaded to by the latest attempt; null while it is not uploaded. */
    private volatile String uploaded;

    FileUploadCall(String exchangeId, String conversationId, FileUploads.Upload file) {
        this.urlRequestId = exchangeId + ":upload";
        this.publishRequestId = exchangeId + ":send";
        this.conversationId = conversationId;
        this.file = file;
    }

    @Override
    public boolean needsFileStorage() {
        return true;
    }

    @Override
    public CompletableFuture<LivePersonClient.Answer> send(LivePersonClient client, URI messaging,
                                                           LivePersonClient.Tokens tokens) {
        throw new IllegalStateException("a file upload needs the file storage's base");
    }

    @Override
    public CompletableFuture<LivePersonClient.Answer> send(LivePersonClient client, URI messaging, URI fileStorage,
                                                           LivePersonClient.Tokens tokens) {
        uploaded = null;
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("fileSize", String.valueOf(file.content().length)); // a string, as LivePerson's schema has it
        body.put("fileType", file.fileType());
        byte[] urlRequest = Json.write(Requests.request(urlRequestId, TYPE_GENERATE_UPLOAD_URL, body));
        return client.send(messaging, tokens, urlRequest).thenCompose(answer -> {
            if (!answer.isSuccess()) {
                return CompletableFuture.completedFuture(answer);
            }
            UploadUrl url = uploadUrl(answer);
            return client.upload(fileStorage, url.relativePath(), url.signature(), url.expires(), file.content(),
                    file.fileType()).thenCompose(put -> {
                        if (!put.isSuccess()) {
                            throw new LivePersonHttpException("upload to the file storage (nothing was published)",
                                    put.status(), put.reasonPhrase(), put.bodyText(), null, null,
                                    put.retryAfterSeconds(), put.attempts());
                        }
                        uploaded = url.relativePath();
                        return client.send(messaging, tokens, publishRequest(url.relativePath()));
                    });
        });
    }

    @Override
    public CompletableFuture<Void> complete(Exchange exchange, LivePersonClient.Answer answer) {
        try {
            apply(exchange, answer);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void apply(Exchange exchange, LivePersonClient.Answer answer) {
        String path = uploaded;
        if (path == null) { // only an HTTP error of the URL request comes here without an upload
            exchange.getMessage().setHeader(HTTP_STATUS, answer.status());
            throw AnswerReader.httpError("send of the upload URL request (nothing was uploaded)", answer);
        }
        exchange.getMessage().setHeader(FILE_RELATIVE_PATH, path);
        // a failed publish names the uploaded file, which the header names too
        Long sequence = SendOperation.completeSend(exchange, "send of the file uploaded to " + path, publishRequestId,
                TYPE_PUBLISH_EVENT + " of the file uploaded to " + path, answer);
        SendOperation.setSequence(exchange.getMessage(), sequence);
    }

    private byte[] publishRequest(String relativePath) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("dialogId", conversationId);
        ObjectNode event = new HostedFileEvent(file.caption(), relativePath, file.fileType(), file.preview()).toJson();
        if (file.caption() == null) {
            ((ObjectNode) event.get("message")).remove("caption");
        }
        body.set("event", event);
        return Json.write(Requests.request(publishRequestId, TYPE_PUBLISH_EVENT, body));
    }

    private record UploadUrl(String relativePath, String signature, String expires) {
    }

    /** The URL of an OK answer: {@code {"relativePath":..,"queryParams":{"temp_url_sig":..,"temp_url_expires":..}}}. */
    private UploadUrl uploadUrl(LivePersonClient.Answer answer) {
        // a refused request fails here, naming ms.GenerateURLForUploadFile: nothing was uploaded
        AnswerReader.send(urlRequestId, TYPE_GENERATE_UPLOAD_URL, answer, null);
        JsonNode body = AnswerReader.body(answer);
        String path = body.path("relativePath").asText("");
        String signature = body.path("queryParams").path("temp_url_sig").asText("");
        String expires = body.path("queryParams").path("temp_url_expires").asText("");
        if (!InputRules.isStoragePath(path) || !signature.matches("[0-9A-Za-z]{1,256}")
            || !expires.matches("\\d{1,19}")) {
            throw new LivePersonConnectorException("LivePerson's upload URL answer has no usable relativePath,"
                                                   + " temp_url_sig and temp_url_expires; nothing was uploaded");
        }
        return new UploadUrl(path, signature, expires);
    }
}
