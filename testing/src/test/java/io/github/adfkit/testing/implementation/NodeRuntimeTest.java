package io.github.adfkit.testing.implementation;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class NodeRuntimeTest {
    @Test
    void missingNodeMessageSaysWhatIsNeededAndHowToGetIt() {
        String message = NodeRuntime.missing("running 'node --version' failed: not found", null).getMessage();

        assertThat(message).contains("Node.js 20 or newer and npm on the PATH", "not found", "https://nodejs.org",
            "package manager");
    }

    @Test
    void detectsTheNodeOnThePath() {
        NodeRuntime node = NodeRuntime.detect();

        assertThat(node.version()).startsWith("v");
        assertThat(node.binary(Path.of("home"), "azurite-table").toString())
            .startsWith(Path.of("home", "node_modules", ".bin", "azurite-table").toString());
    }
}
