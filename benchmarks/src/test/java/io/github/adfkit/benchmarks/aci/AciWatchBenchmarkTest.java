package io.github.adfkit.benchmarks.aci;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AciWatchBenchmarkTest {
    @Test
    void fiveJobsAreDetectedByBothWatchersAndAdfkitPollsFarLess() throws Exception {
        AciWatchBenchmark benchmark = new AciWatchBenchmark(5, Duration.ofMinutes(5));

        WatchMeasurement adfkit = benchmark.measureAdfkit(AciWatchBenchmark.Variant.DEFAULT);
        WatchMeasurement naive = benchmark.measureNaive();

        assertThat(adfkit.detectedJobs()).isEqualTo(5);
        assertThat(naive.detectedJobs()).isEqualTo(5);
        assertThat(adfkit.statusPollsPerJobHour()).isLessThan(naive.statusPollsPerJobHour() / 10);
        assertThat(adfkit.latencyPercentile(100)).isLessThanOrEqualTo(Duration.ofSeconds(15));
        assertThat(adfkit.throttledAnswers()).isZero();
        assertThat(AciWatchBenchmark.table(5, List.of(adfkit, naive))).contains("status polls per job per hour watched")
            .contains("termination -> detection, p99 (s)");
    }
}
