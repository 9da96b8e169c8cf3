package io.github.adfkit.examples.demo;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DemoTest {
    @Test
    void theTourEndsWithASummaryOfEveryFlow() {
        ByteArrayOutputStream narration = new ByteArrayOutputStream();
        List<String[]> summary = new Demo(new PrintStream(narration, true, StandardCharsets.UTF_8)).run();

        assertThat(summary).extracting(row -> row[0]).contains("WebHook callback");
        assertThat(summary.get(0)[1]).isEqualTo("delivered after 3 attempts");
        String text = narration.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("\"StatusCode\":\"200\"").contains("code=REDACTED").doesNotContainPattern("code=[A-Za-z0-9_-]{20,}");
    }
}
