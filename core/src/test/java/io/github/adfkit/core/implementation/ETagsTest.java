package io.github.adfkit.core.implementation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ETagsTest {
    @Test
    void restoresTheClosingQuoteAzuriteDrops() {
        assertThat(ETags.repair("W/\"datetime'2026-11-21T10%3A00%3A00.1234567Z'"))
            .isEqualTo("W/\"datetime'2026-11-21T10%3A00%3A00.1234567Z'\"");
        assertThat(ETags.repair("\"abc")).isEqualTo("\"abc\"");
    }

    @Test
    void leavesBalancedAndMissingValuesAlone() {
        assertThat(ETags.repair("W/\"datetime'2026-11-21T10%3A00%3A00.1234567Z'\""))
            .isEqualTo("W/\"datetime'2026-11-21T10%3A00%3A00.1234567Z'\"");
        assertThat(ETags.repair("\"abc\"")).isEqualTo("\"abc\"");
        assertThat(ETags.repair("*")).isEqualTo("*");
        assertThat(ETags.repair(null)).isNull();
    }
}
