package io.github.adfkit.examples.docs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** Parses JSON as ADF reads a pipeline definition: no comments, no trailing text, no repeated keys. */
final class StrictJson {
    private static final JsonMapper MAPPER = JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();

    private StrictJson() {
    }

    /**
     * @param json the text
     * @return the tree
     * @throws JsonProcessingException when the text is not strict JSON
     */
    static JsonNode parse(String json) throws JsonProcessingException {
        return MAPPER.readTree(json);
    }
}
