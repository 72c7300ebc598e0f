package io.github.lpconnector.camel.emulator;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The emulator's "swift" file storage and its temporary URLs, as LivePerson's file-sharing example describes them
 * (DC examples/9_example_share_image.md): {@code ms.GenerateURLForUploadFile} hands out a {@code relativePath}
 * {@code /v1/AUTH_async-images/{account}/{name}} with {@code temp_url_sig} and {@code temp_url_expires}, good for
 * one minute ("file expiration is set to 1 minute by default"); the client PUTs the bytes there and, after
 * {@code ms.GenerateURLForDownloadFile}, GETs them. The signature is OpenStack Swift's TempURL one (which the 40 hex
 * digits of LivePerson's example match): HMAC-SHA1 of {@code METHOD\nexpires\npath}, so an upload URL does not
 * download and the other way round. Thread-safe.
 */
final class FileStorage {

    /** "Each file can be up to 3MB" (the file-sharing example). */
    static final int MAX_FILE_BYTES = 3 * 1024 * 1024;
    /** "The supported file types are JPG, JPEG, PNG, GIF" (the example; GenerateURLForUploadFileBody.json agrees). */
    static final Set<String> UPLOAD_TYPES = Set.of("JPG", "JPEG", "PNG", "GIF");
    static final Duration URL_LIFETIME = Duration.ofMinutes(1);
    /** Stored files beyond this are forgotten, oldest first, so that a long run's heap stays bounded. */
    private static final int MAX_FILES = 256;
    private static final String CONTAINER = "/v1/AUTH_async-images/";

    /** A generated temporary URL: the path and its two query parameters. */
    record TempUrl(String relativePath, String signature, String expires) {
    }

    /** A stored file. */
    record StoredFile(String account, String fileType, byte[] content) {
    }

    private final Clock clock;
    private final byte[] key = new byte[32];
    private final Map<String, StoredFile> files = new ConcurrentHashMap<>();

    FileStorage(Clock clock) {
        this.clock = clock;
        new SecureRandom().nextBytes(key);
    }

    /** A new path in the account's container with an upload (PUT) URL. */
    TempUrl uploadUrl(String account, String fileType) {
        String path = CONTAINER + account + "/" + UUID.randomUUID() + "." + fileType;
        return signed("PUT", path);
    }

    /** A download (GET) URL of {@code relativePath}, which need not exist (the GET answers 404 then). */
    TempUrl downloadUrl(String relativePath) {
        return signed("GET", relativePath);
    }

    /** Whether {@code relativePath} lies in the account's container. */
    static boolean inContainerOf(String account, String relativePath) {
        String prefix = CONTAINER + account + "/";
        return relativePath.startsWith(prefix) && relativePath.length() > prefix.length()
               && relativePath.indexOf('/', prefix.length()) < 0;
    }

    /** @return null if the temp URL is valid for {@code method} on {@code path} now, else why not */
    String refusal(String method, String path, String signature, String expires) {
        if (signature == null || expires == null) {
            return "temp_url_sig and temp_url_expires are required";
        }
        long expiresAt;
        try {
            expiresAt = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            return "temp_url_expires is not a number";
        }
        if (!MessageDigest.isEqual(sign(method, path, expires).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII))) {
            return "Temp URL invalid";
        }
        return clock.instant().getEpochSecond() >= expiresAt ? "Temp URL expired" : null;
    }

    void put(String path, String account, byte[] content) {
        if (files.size() >= MAX_FILES) {
            files.keySet().stream().findFirst().ifPresent(files::remove);
        }
        String name = path.substring(path.lastIndexOf('/') + 1);
        String type = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        files.put(path, new StoredFile(account, type, content.clone()));
    }

    Optional<StoredFile> get(String path) {
        return Optional.ofNullable(files.get(path));
    }

    void clear() {
        files.clear();
    }

    private TempUrl signed(String method, String path) {
        String expires = Long.toString(clock.instant().plus(URL_LIFETIME).getEpochSecond());
        return new TempUrl(path, sign(method, path, expires), expires);
    }

    private String sign(String method, String path, String expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] hmac = mac.doFinal((method + "\n" + expires + "\n" + path).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hmac);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA1 is missing from the JDK", e);
        }
    }
}
