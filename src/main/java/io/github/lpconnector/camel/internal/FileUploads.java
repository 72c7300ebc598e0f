package io.github.lpconnector.camel.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Set;

import io.github.lpconnector.camel.LivePersonValidationException;
import io.github.lpconnector.camel.model.FileUpload;

/**
 * Checks a {@link FileUpload} against LivePerson's file-sharing limits before anything is sent: JPG, JPEG, PNG or GIF
 * (the upload URL request's schema), at most 3 MB, a preview under 30 KB ("Each file can be up to 3MB and the preview
 * must be under 30KB"), and reads a file given by its path.
 */
final class FileUploads {

    static final Set<String> TYPES = Set.of("JPG", "JPEG", "PNG", "GIF");
    static final int MAX_BYTES = 3 * 1024 * 1024;
    static final int MAX_PREVIEW_CHARS = 30 * 1024;

    /** A checked file, ready to upload. */
    record Upload(byte[] content, String fileType, String caption, String preview) {
    }

    private FileUploads() {
    }

    static Upload read(FileUpload file) {
        String type = file.fileType();
        if (type == null || !TYPES.contains(type)) {
            throw new LivePersonValidationException("body.fileType", (type == null ? "missing" : "unknown type " + type)
                                                                     + "; LivePerson takes " + TYPES);
        }
        byte[] content = file.path() != null ? readFile(file) : file.content();
        if (content == null || content.length == 0) {
            throw new LivePersonValidationException("body.content", "the file is empty");
        }
        if (content.length > MAX_BYTES) {
            throw new LivePersonValidationException("body.content", "the file has " + content.length
                                                                    + " bytes; LivePerson takes up to 3 MB ("
                                                                    + MAX_BYTES + " bytes)");
        }
        String preview = file.preview();
        if (preview != null && preview.length() > MAX_PREVIEW_CHARS) {
            throw new LivePersonValidationException("body.preview", "must be under 30 KB");
        }
        return new Upload(content, type, file.caption(), preview);
    }

    private static byte[] readFile(FileUpload file) {
        try (InputStream in = Files.newInputStream(file.path())) {
            return in.readNBytes(MAX_BYTES + 1); // one more than the limit: a larger file is refused, not cut
        } catch (IOException e) {
            throw new LivePersonValidationException("body.path", "the file cannot be read: " + e.getMessage(), e);
        }
    }
}
