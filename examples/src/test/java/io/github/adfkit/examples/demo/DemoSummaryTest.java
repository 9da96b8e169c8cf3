package io.github.adfkit.examples.demo;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DemoSummaryTest {
    @Test
    void aFailedFlowIsNamedWithItsStepAndExitsWithOne() {
        DemoSummary summary = new DemoSummary(List.of(
            new FlowResult("submit -> poll -> result", true, "Completed: 40 distinct ids", Duration.ofSeconds(1)),
            new FlowResult("single-flight Conflict", false, "failed at \"submit rebuild #2\": 503",
                Duration.ofSeconds(2))), null, Duration.ofSeconds(3));

        String printed = print(summary);

        assertThat(summary.exitCode()).isEqualTo(1);
        assertThat(printed).contains("| FAILED | failed at \"submit rebuild #2\": 503")
            .contains("some flows FAILED").doesNotContain("all flows passed").doesNotContain("Exception");
    }

    @Test
    void aDemoThatCouldNotStartSaysWhyAndExitsWithOne() {
        DemoSummary summary = new DemoSummary(List.of(), "failed at \"starting Azurite\": Node.js 20+ is not on the "
            + "PATH", Duration.ofSeconds(1));

        assertThat(summary.exitCode()).isEqualTo(1);
        assertThat(print(summary)).contains("The demo could not start: failed at \"starting Azurite\"");
    }

    private static String print(DemoSummary summary) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        summary.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
