package io.github.adfkit.examples.demo;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class DemoTest {
    private static final Pattern RESTART_TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{40,})");

    @Test
    void theTourPassesEveryFlowWellUnderAMinuteAndShowsNoSecret() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        DemoSummary summary = new Demo(new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
        String narration = printed.toString(StandardCharsets.UTF_8);

        assertThat(summary.rows()).extracting(FlowResult::flow).containsExactly("WebHook -> job -> callback",
            "submit -> poll -> result", "single-flight resubmitted", "pause -> restart -> run -> data");
        assertThat(summary.rows()).allSatisfy(row -> assertThat(row.passed()).as(row.outcome()).isTrue());
        assertThat(summary.rows().get(0).outcome()).contains("callback 200 on attempt 2");
        assertThat(summary.rows().get(1).outcome()).contains(DemoAuditRows.EXPECTED_DISTINCT_IDS + " distinct ids");
        assertThat(summary.rows().get(2).outcome()).contains("refused as a conflict");
        assertThat(summary.rows().get(3).outcome()).contains("one ADF run despite a 503");
        assertThat(summary.exitCode()).isZero();
        assertThat(summary.total()).isLessThan(Duration.ofMinutes(1));
        assertThat(narration).contains("all flows passed").contains("code=REDACTED")
            .doesNotContainPattern("code=[A-Za-z0-9_-]{20,}");
        Matcher token = RESTART_TOKEN.matcher(narration);
        assertThat(token.find()).isTrue();
        assertThat(narration.split(Pattern.quote(token.group(1)), -1)).as("the restart token is shown once")
            .hasSize(2);
    }
}
