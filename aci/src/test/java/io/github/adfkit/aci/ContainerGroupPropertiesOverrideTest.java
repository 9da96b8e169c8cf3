package io.github.adfkit.aci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.adfkit.aci.models.AzureFileVolume;
import io.github.adfkit.aci.models.ContainerJobSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContainerGroupPropertiesOverrideTest extends OnFakeAci {
    private JsonNode createRequestBody(ContainerJobSpec spec) {
        client.beginRun(spec);
        fake.advanceUntil(client.getWatcher(), () -> fake.aci.createdGroupCount() == 1, Duration.ofMinutes(1));
        return fake.aci.createRequestBodies().get(0);
    }

    @Test
    void overridesAreMergedIntoThePutBodyAsAJsonMergePatch() throws Exception {
        Map<String, Object> noDiagnostics = new HashMap<>();
        noDiagnostics.put("diagnostics", null);
        noDiagnostics.put("sku", "Confidential");
        noDiagnostics.put("volumes", List.of(Map.of("name", "scratch", "emptyDir", Map.of())));
        ContainerJobSpec spec = FakeAci.spec("probed")
            .setLogAnalytics("workspace-id", "workspace-key")
            .setGroupPropertiesOverride(noDiagnostics)
            .setContainerPropertiesOverride(Map.of(
                "livenessProbe", Map.of("exec", Map.of("command", List.of("cat", "/tmp/healthy")),
                    "periodSeconds", 30),
                "resources", Map.of("limits", Map.of("cpu", 2)),
                "volumeMounts", List.of(Map.of("name", "scratch", "mountPath", "/scratch"))));

        JsonNode properties = createRequestBody(spec).path("properties");

        assertThat(properties.has("diagnostics")).isFalse();
        assertThat(properties.path("sku").asText()).isEqualTo("Confidential");
        assertThat(properties.path("volumes")).isEqualTo(new ObjectMapper().readTree(
            "[{\"name\": \"scratch\", \"emptyDir\": {}}]"));
        assertThat(properties.path("restartPolicy").asText()).isEqualTo("Never");
        JsonNode container = properties.path("containers").path(0);
        assertThat(container.path("name").asText()).isEqualTo("job");
        assertThat(container.at("/properties/image").asText()).isEqualTo("myacr.azurecr.io/job:1.2");
        assertThat(container.at("/properties/livenessProbe/exec/command/1").asText()).isEqualTo("/tmp/healthy");
        assertThat(container.at("/properties/livenessProbe/periodSeconds").asInt()).isEqualTo(30);
        assertThat(container.at("/properties/resources/requests/cpu").asDouble()).isEqualTo(1.0);
        assertThat(container.at("/properties/resources/limits/cpu").asInt()).isEqualTo(2);
        assertThat(container.at("/properties/volumeMounts/0/mountPath").asText()).isEqualTo("/scratch");
    }

    @Test
    void anOverrideReplacesAListAdfkitBuilt() {
        ContainerJobSpec spec = FakeAci.spec("mounts")
            .setVolumes(List.of(new AzureFileVolume("data", "share", "account", "key", "/data", true)))
            .setContainerPropertiesOverride(Map.of("volumeMounts", List.of(Map.of("name", "data",
                "mountPath", "/mnt/data"))));

        JsonNode mounts = createRequestBody(spec).at("/properties/containers/0/properties/volumeMounts");

        assertThat(mounts).hasSize(1);
        assertThat(mounts.path(0).path("mountPath").asText()).isEqualTo("/mnt/data");
        assertThat(mounts.path(0).has("readOnly")).isFalse();
    }

    @Test
    void overridesOfWhatAdfkitControlsAreRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> client.beginRun(FakeAci.spec("ok")
            .setGroupPropertiesOverride(Map.of("restartPolicy", "Always"))))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'groupPropertiesOverride' must not set 'restartPolicy'")
            .hasMessageContaining("setRestartPolicy");
        assertThatThrownBy(() -> client.beginRun(FakeAci.spec("ok")
            .setGroupPropertiesOverride(Map.of("Containers", List.of()))))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("must not set 'Containers'");
        assertThatThrownBy(() -> client.beginRun(FakeAci.spec("ok")
            .setContainerPropertiesOverride(Map.of("environmentVariables", List.of(Map.of("name", "A",
                "secureValue", "leak-me"))))))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'containerPropertiesOverride' must not set 'environmentVariables'")
            .hasMessageNotContaining("leak-me");
        assertThatThrownBy(() -> client.beginRun(FakeAci.spec("ok")
            .setContainerPropertiesOverride(Map.of("image", "other:1"))))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("must not set 'image'");
        assertThatThrownBy(() -> client.beginRun(FakeAci.spec("ok").setLogListener(line -> { }, 0)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("The log listener's 'tailLines' must be 1 to 10000");
        assertThat(fake.aci.requests()).isEmpty();
    }
}
