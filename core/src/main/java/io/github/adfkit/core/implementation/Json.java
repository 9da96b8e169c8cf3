package io.github.adfkit.core.implementation;

import com.azure.core.util.BinaryData;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;

/**
 * adfkit's one configured Jackson {@link ObjectMapper}, in two flavours: lenient for what services answer (unknown
 * properties are ignored, so a service may add fields), strict for what callers give us (unknown properties,
 * duplicate keys and trailing tokens are errors, so a typo is reported instead of ignored).
 *
 * <p>The public API hands JSON out as azure-core's {@link BinaryData}, never as a Jackson type: {@link #toBinary}
 * and {@link #tree} convert at that edge, and both mappers write a {@code BinaryData} value as the JSON it holds (and
 * read any JSON value into one), so a caller can pass one back wherever adfkit takes an {@code Object} to serialize
 * or ask for {@code BinaryData.class} wherever it chooses a type to read.</p>
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

    /**
     * @param node a JSON tree, or {@code null}
     * @return the tree's JSON text as {@code BinaryData}, or {@code null} for {@code null}, a JSON {@code null} or a
     *     missing node
     */
    public static BinaryData toBinary(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        try {
            return BinaryData.fromBytes(LENIENT.writeValueAsBytes(node));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("A JSON tree could not be written.", impossible);
        }
    }

    /**
     * @param data JSON as {@code BinaryData}, or {@code null}
     * @return the JSON tree, or {@code null} for {@code null}
     * @throws IllegalArgumentException if {@code data} is not JSON
     */
    public static JsonNode tree(BinaryData data) {
        if (data == null) {
            return null;
        }
        try {
            return LENIENT.readTree(data.toBytes());
        } catch (IOException notJson) {
            throw new IllegalArgumentException("The data is not JSON: " + notJson.getMessage(), notJson);
        }
    }

    private static JsonMapper.Builder base() {
        return JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule("adfkit-binary-data").addSerializer(new BinaryDataSerializer())
                .addDeserializer(BinaryData.class, new BinaryDataDeserializer()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .serializationInclusion(JsonInclude.Include.NON_NULL);
    }

    /** Writes a {@code BinaryData} as the JSON it holds, not as a bean. */
    private static final class BinaryDataSerializer extends StdSerializer<BinaryData> {
        private static final long serialVersionUID = 1L;

        BinaryDataSerializer() {
            super(BinaryData.class);
        }

        @Override
        public void serialize(BinaryData value, JsonGenerator generator, SerializerProvider provider)
            throws IOException {
            JsonNode node;
            try {
                node = LENIENT.readTree(value.toBytes());
            } catch (IOException notJson) {
                throw JsonMappingException.from(generator, "A BinaryData value is not JSON; it cannot be written "
                    + "as JSON.", notJson);
            }
            provider.defaultSerializeValue(node, generator);
        }
    }

    /** Reads any JSON value into a {@code BinaryData} holding its JSON text. */
    private static final class BinaryDataDeserializer extends StdDeserializer<BinaryData> {
        private static final long serialVersionUID = 1L;

        BinaryDataDeserializer() {
            super(BinaryData.class);
        }

        @Override
        public BinaryData deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return toBinary(context.readTree(parser));
        }
    }
}
