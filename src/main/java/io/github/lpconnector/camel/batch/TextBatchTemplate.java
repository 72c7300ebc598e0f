package io.github.lpconnector.camel.batch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The batch of a text body as fixed bytes with three holes for the request id and one for the text: the generator's
 * own output for marker values, cut at the markers, so that a batch filled in is byte for byte what the generator
 * writes. Only text the generator copies as it is (no character it escapes: none below U+0020, no quote, no
 * backslash, no surrogate) is filled in; for other text {@link #fill} answers null and the generator writes the batch.
 */
final class TextBatchTemplate {

    /** What stands for the request id and for the text; the generator writes each as a six-byte escape. */
    static final String ID_MARKER = "\u0001";
    static final String TEXT_MARKER = "\u0002";
    private static final byte[] ID_ESCAPED = "\\u0001".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TEXT_ESCAPED = "\\u0002".getBytes(StandardCharsets.US_ASCII);

    /** The bytes before the first id, between the ids, between the last id and the text, and after the text. */
    private final byte[][] segments;
    private final int segmentsLength;

    private TextBatchTemplate(byte[][] segments) {
        this.segments = segments;
        this.segmentsLength = Arrays.stream(segments).mapToInt(segment -> segment.length).sum();
    }

    /**
     * The template of {@code written}, the generator's batch for {@link #ID_MARKER} and {@link #TEXT_MARKER}; null
     * when the markers do not cut it into the expected five segments (an option holding a marker's escape).
     */
    static TextBatchTemplate of(byte[] written) {
        List<byte[]> segments = new ArrayList<>(5);
        int from = 0;
        for (int at = 0; at <= written.length - ID_ESCAPED.length; at++) {
            boolean id = matches(written, at, ID_ESCAPED);
            if (id || matches(written, at, TEXT_ESCAPED)) {
                // three ids, then the text
                if (id != segments.size() < 3) {
                    return null;
                }
                segments.add(Arrays.copyOfRange(written, from, at));
                from = at + ID_ESCAPED.length;
                at = from - 1;
            }
        }
        segments.add(Arrays.copyOfRange(written, from, written.length));
        return segments.size() == 5 ? new TextBatchTemplate(segments.toArray(new byte[0][])) : null;
    }

    /** The batch for {@code requestId} and {@code text}, or null when either holds a character the generator escapes. */
    byte[] fill(String requestId, String text) {
        byte[] id = verbatimUtf8(requestId);
        byte[] message = id != null ? verbatimUtf8(text) : null;
        if (message == null) {
            return null;
        }
        byte[] batch = new byte[segmentsLength + 3 * id.length + message.length];
        int at = 0;
        for (int i = 0; i < segments.length; i++) {
            System.arraycopy(segments[i], 0, batch, at, segments[i].length);
            at += segments[i].length;
            if (i < 3) {
                System.arraycopy(id, 0, batch, at, id.length);
                at += id.length;
            } else if (i == 3) {
                System.arraycopy(message, 0, batch, at, message.length);
                at += message.length;
            }
        }
        return batch;
    }

    /** The UTF-8 of {@code text} when a JSON string holds it unescaped, else null. */
    private static byte[] verbatimUtf8(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
                return null;
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static boolean matches(byte[] bytes, int at, byte[] part) {
        return Arrays.equals(bytes, at, at + part.length, part, 0, part.length);
    }
}
