package io.github.lpconnector.camel.model;

import java.nio.file.Path;
import java.util.Locale;

/**
 * A file the consumer shares, as a body of {@code liveperson-connector:send}. The component does what LivePerson's
 * file-sharing flow asks: it requests an upload URL ({@code ms.GenerateURLForUploadFile}), PUTs the bytes to the
 * file storage ({@code swift}), then publishes a {@code hosted/file} event with the caption; the header
 * {@code LivePersonFileRelativePath} then names the stored file. LivePerson takes JPG, JPEG, PNG and GIF files of up
 * to 3 MB, and a preview under 30 KB; the component refuses anything else before sending.
 */
public final class FileUpload {

    private final byte[] content;
    private final Path path;
    private final String fileType;
    private final String caption;
    private final String preview;

    private FileUpload(byte[] content, Path path, String fileType, String caption, String preview) {
        this.content = content;
        this.path = path;
        this.fileType = fileType;
        this.caption = caption;
        this.preview = preview;
    }

    /**
     * The file at {@code path}, read when the exchange is sent; its type from the name's extension ({@code .jpg},
     * {@code .jpeg}, {@code .png}, {@code .gif}).
     *
     * @param caption text shown with the file, or null
     */
    public static FileUpload of(Path path, String caption) {
        String name = path != null && path.getFileName() != null ? path.getFileName().toString() : "";
        int dot = name.lastIndexOf('.');
        return new FileUpload(null, path, dot < 0 ? null : name.substring(dot + 1).toUpperCase(Locale.ROOT),
                caption, null);
    }

    /**
     * These bytes, of {@code fileType} JPG, JPEG, PNG or GIF.
     *
     * @param caption text shown with the file, or null
     */
    public static FileUpload of(byte[] content, String fileType, String caption) {
        return new FileUpload(content != null ? content.clone() : null, null, fileType, caption, null);
    }

    /** The same file with a small preview, a {@code data:image/...;base64,...} text under 30 KB. */
    public FileUpload withPreview(String preview) {
        return new FileUpload(content, path, fileType, caption, preview);
    }

    /** The bytes given, or null when the file is given by {@link #path()}. */
    public byte[] content() {
        return content != null ? content.clone() : null;
    }

    /** The file given, or null when the bytes are given. */
    public Path path() {
        return path;
    }

    /** JPG, JPEG, PNG or GIF. */
    public String fileType() {
        return fileType;
    }

    public String caption() {
        return caption;
    }

    public String preview() {
        return preview;
    }

    @Override
    public String toString() {
        return "FileUpload[" + (path != null ? path : (content != null ? content.length : 0) + " bytes") + ", "
               + fileType + "]";
    }
}
