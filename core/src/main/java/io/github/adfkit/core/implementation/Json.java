package io.github.adfkit.core.implementation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * adfkit's one configured Jackson {@link ObjectMapper}, in two flavours: lenient for what services answer (unknown
 * properties are ignored, so a service may add fields), strict for what callers give us (unknown properties,
 * duplicate keys and trailing tokens are errors, so a typo is reported instead of ignored).
 */
public final class Json {
    /** The deepest JSON nesting adfkit accepts from a caller. */
    public static final int MAX_NESTING_DEPTH = 64;

    private static final ObjectMapper LENIENT = base()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
    private static final ObjectMapper STRICT = base()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
        .build();

    static {
        STRICT.getFactory().setStreamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build());
    }

    private Json() {
    }

    /**
     * @return the mapper for service responses and for writing: ignores unknown properties
     */
    public static ObjectMapper mapper() {
        return LENIENT;
    }

    /**
     * @return the mapper for caller input: fails on unknown properties, duplicate keys and trailing tokens
     */
    public static ObjectMapper strictMapper() {
        return STRICT;
    }

    private static JsonMapper.Builder base() {
        return JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .serializationInclusion(JsonInclude.Include.NON_NULL);
    }
}
