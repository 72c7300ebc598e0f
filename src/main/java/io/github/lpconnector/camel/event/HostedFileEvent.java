package io.github.lpconnector.camel.event;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A file uploaded to LivePerson's file storage beforehand ({@code ms.GenerateURLForUploadFile}, then a PUT):
 * {@code {"type":"ContentEvent","contentType":"hosted/file","message":{caption, relativePath, fileType, preview}}}.
 *
 * @param caption      text shown with the file
 * @param relativePath the path the upload URL call returned
 * @param fileType     JPG, JPEG, PNG, GIF (also IMG, TXT, PDF in LivePerson's schema)
 * @param preview      a small {@code data:image/...;base64,...} preview, or null
 */
public record HostedFileEvent(String caption, String relativePath, String fileType, String preview)
        implements LivePersonEvent {

    @Override
    public ObjectNode toJson() {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("type", "ContentEvent");
        event.put("contentType", "hosted/file");
        ObjectNode message = event.putObject("message");
        message.put("caption", caption);
        message.put("relativePath", relativePath);
        message.put("fileType", fileType);
        if (preview != null) {
            message.put("preview", preview);
        }
        return event;
    }
}
