package io.github.adfkit.benchmarks.aci;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class AciWatchBenchmarkTest {
    @Test
    void fiveJobsAreDetectedByBothWatchersAndAdfkitPollsFarLess() throws Exception {
        AciWatchBenchmark benchmark = new AciWatchBenchmark(5, Duration.ofMinutes(5));

        WatchMeasurement adfkit = benchmark.measureAdfkit();
        WatchMeasurement naive = benchmark.measureNaive();

        assertThat(adfkit.detectedJobs()).isEqualTo(5);
        assertThat(naive.detectedJobs()).isEqualTo(5);
        assertThat(adfkit.statusPollsPerJobHour()).isLessThan(naive.statusPollsPerJobHour() / 10);
        assertThat(adfkit.latencyPercentile(100)).isLessThanOrEqualTo(Duration.ofSeconds(75));
        assertThat(AciWatchBenchmark.table(5, adfkit, naive)).contains("status GETs per job per hour watched");
    }
}
