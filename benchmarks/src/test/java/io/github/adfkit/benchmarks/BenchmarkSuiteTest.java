package io.github.adfkit.benchmarks;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class BenchmarkSuiteTest {
    @Test
    void everyBenchmarkNamesAGuideThatExists() {
        assertThat(BenchmarkSuite.BENCHMARKS).hasSize(5)
            .allSatisfy(benchmark -> assertThat(Files.isRegularFile(Path.of("../docs", benchmark.guide())))
                .as("docs/%s exists", benchmark.guide()).isTrue());
    }

    @Test
    void theServerBenchmarkRunsFirstOnConnectionsOfItsOwn() {
        assertThat(BenchmarkSuite.BENCHMARKS.get(0).guide()).isEqualTo("async-api-server.md");
    }
}
