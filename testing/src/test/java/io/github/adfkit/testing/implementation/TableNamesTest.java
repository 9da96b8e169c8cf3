package io.github.adfkit.testing.implementation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TableNamesTest {
    @Test
    void prefixFromDropsWhatATableNameCannotHold() {
        assertThat(TableNames.prefixFrom("stores_an-order()")).isEqualTo("storesanorder");
        assertThat(TableNames.prefixFrom("42things")).isEqualTo("t42things");
        assertThat(TableNames.prefixFrom("")).isEqualTo("t");
        assertThat(TableNames.prefixFrom("x".repeat(100))).hasSize(TableNames.MAX_PREFIX_LENGTH);
    }

    @Test
    void uniqueNamesAreValidAndDiffer() {
        String name = TableNames.unique("orders");
        assertThat(name).matches("orders[0-9a-f]{16}").hasSizeBetween(3, 63);
        assertThat(TableNames.unique("orders")).isNotEqualTo(name);
    }
}
