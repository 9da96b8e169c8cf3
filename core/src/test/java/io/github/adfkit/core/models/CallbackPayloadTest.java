package io.github.adfkit.core.models;

import com.azure.core.util.BinaryData;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallbackPayloadTest {
    @Test
    void successHasOutputAndStatusCode200AsAString() {
        assertThat(CallbackPayload.success(Map.of("rows", 1200)).toJson())
            .isEqualTo("{\"Output\":{\"rows\":1200},\"StatusCode\":\"200\"}");
        assertThat(CallbackPayload.success(null).toJson()).isEqualTo("{\"Output\":{},\"StatusCode\":\"200\"}");
    }

    @Test
    void failureHasTheErrorShapeAdfReads() {
        assertThat(CallbackPayload.failure("ContainerExitedWithError", "Exit code 3").toJson())
            .isEqualTo("{\"Output\":{},\"Error\":{\"ErrorCode\":\"ContainerExitedWithError\",\"Message\":\"Exit code 3\"},"
                + "\"StatusCode\":\"500\"}");
        CallbackPayload custom = CallbackPayload.failure(new CallbackError("Quota", "No capacity"), 503,
            Map.of("region", "westeurope"));
        assertThat(custom.isFailure()).isTrue();
        assertThat(custom.getStatusCode()).isEqualTo("503");
        assertThat(custom.getOutput().toObject(JsonNode.class).get("region").asText()).isEqualTo("westeurope");
    }

    @Test
    void takesBackTheOutputItGaveAsBinaryData() {
        CallbackPayload original = CallbackPayload.success(Map.of("rows", 1200));

        assertThat(CallbackPayload.success(original.getOutput()).toJson()).isEqualTo(original.toJson());
        assertThat(original.getOutput().toString()).isEqualTo("{\"rows\":1200}");
        assertThatThrownBy(() -> CallbackPayload.success(BinaryData.fromString("[1, 2]")))
            .hasMessageContaining("must be a JSON object");
    }

    @Test
    void refusesWhatAdfCannotRead() {
        assertThatThrownBy(() -> CallbackPayload.success(List.of(1, 2)))
            .hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> CallbackPayload.success("done")).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> CallbackPayload.failure(new CallbackError("E", "m"), 200, null))
            .hasMessageContaining("400-599");
        assertThatThrownBy(() -> new CallbackError(" ", "m")).hasMessageContaining("'errorCode' cannot be blank");
    }
}
