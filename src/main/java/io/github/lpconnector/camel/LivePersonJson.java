package io.github.lpconnector.camel;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The one {@link ObjectMapper} of the component, shared by all endpoints (it is thread-safe). Reading is bounded so
 * that neither an event nor an answer can make the component parse without end.
 */
public final class LivePersonJson {

    /** Largest JSON document read, body or answer. */
    public static final long MAX_DOCUMENT_BYTES = 1024 * 1024;
    /** Deepest nesting of objects and arrays read. */
    public static final int MAX_NESTING_DEPTH = 64;
    /** Longest string value read. */
    public static final int MAX_STRING_LENGTH = 256 * 1024;

    public static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxDocumentLength(MAX_DOCUMENT_BYTES)
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxStringLength(MAX_STRING_LENGTH)
                            .maxNumberLength(64)
                            .maxNameLength(1024)
                            .build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private LivePersonJson() {
    }
}
