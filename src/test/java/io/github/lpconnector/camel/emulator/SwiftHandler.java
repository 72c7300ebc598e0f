package io.github.lpconnector.camel.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * The file storage LivePerson's Domain API calls {@code swift}, one instance per method (DC
 * examples/9_example_share_image.md, steps 4 and 7):
 * <ul>
 * <li>{@code PUT /v1/AUTH_async-images/{account}/{file}?temp_url_sig=..&temp_url_expires=..} with the raw bytes:
 * 201 (with the content's MD5 as {@code Etag}, as Swift answers), 401 "Temp URL invalid" for a wrong or expired
 * temporary URL (documented), 413 for more than 3 MB (choice: the example states the limit, not the answer);</li>
 * <li>{@code GET} of the same URL form: 200 with the bytes, 401 as above, 404 for a path nothing was uploaded to.</li>
 * </ul>
 * Errors are plain text, as Swift writes them.
 */
final class SwiftHandler extends ServiceHandler {

    static final String PATH = "/v1/AUTH_async-images/{account}/{file}";

    private final FileStorage files;

    SwiftHandler(String method, FileStorage files) {
        super("swift", method, PATH);
        this.files = files;
    }

    @Override
    Reply handle(Request request, Map<String, String> pathParams) {
        String refusal = files.refusal(method(), request.path(), request.query().get("temp_url_sig"),
                request.query().get("temp_url_expires"));
        if (refusal != null) {
            return text(401, "401 Unauthorized: " + refusal);
        }
        if ("PUT".equals(method())) {
            byte[] content = request.body();
            if (content.length > FileStorage.MAX_FILE_BYTES) {
                return text(413, "413 Request Entity Too Large: a file can be up to 3MB");
            }
            files.put(request.path(), pathParams.get("account"), content);
            return new Reply(201, Map.of("Etag", md5(content), "Content-Type", "text/plain"), new byte[0]);
        }
        return files.get(request.path())
                .map(file -> new Reply(200, Map.of("Content-Type", mediaType(file.fileType())), file.content()))
                .orElseGet(() -> text(404, "404 Not Found"));
    }

    private static String mediaType(String fileType) {
        return switch (fileType.toUpperCase(Locale.ROOT)) {
            case "JPG", "JPEG" -> "image/jpeg";
            case "PNG" -> "image/png";
            case "GIF" -> "image/gif";
            default -> "application/octet-stream";
        };
    }

    private static Reply text(int status, String text) {
        return new Reply(status, Map.of("Content-Type", "text/plain"), text.getBytes(StandardCharsets.UTF_8));
    }

    private static String md5(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
