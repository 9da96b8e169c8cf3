package io.github.adfkit.examples.demo;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LiveEnvironmentTest {
    @Test
    void missingSettingsAreListedInOneMessage() {
        assertThatThrownBy(() -> LiveEnvironment.fromVariables(Map.of("ADFKIT_FACTORY_NAME", "adf-sales",
            "ADFKIT_RESOURCE_GROUP", " ")))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContainingAll("AZURE_SUBSCRIPTION_ID", "ADFKIT_RESOURCE_GROUP", "ADFKIT_STORAGE_ACCOUNT",
                "ADFKIT_PIPELINE_KEY", "DefaultAzureCredential")
            .message().doesNotContain("ADFKIT_FACTORY_NAME:");
    }
}
