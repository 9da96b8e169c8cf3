package io.github.adfkit.aci.implementation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimestampedLogCursorTest {
    private final TimestampedLogCursor cursor = new TimestampedLogCursor();

    @Test
    void overlappingReadsYieldEachLineOnceWithoutItsTimestamp() {
        assertThat(cursor.newLines("2026-11-21T10:00:00.100000000Z a\n2026-11-21T10:00:01.2Z b\n"))
            .containsExactly("a", "b");
        assertThat(cursor.newLines("2026-11-21T10:00:01.2Z b\n2026-11-21T10:00:02Z c\n2026-11-21T11:00:03+01:00 d\n"))
            .containsExactly("c", "d");
        assertThat(cursor.newLines("2026-11-21T10:00:02Z c\n2026-11-21T10:00:03Z d\n")).isEmpty();
    }

    @Test
    void linesSharingATimestampAreCountedNotComparedByText() {
        assertThat(cursor.newLines("2026-11-21T10:00:00Z x\n2026-11-21T10:00:00Z x\n")).containsExactly("x", "x");
        assertThat(cursor.newLines("2026-11-21T10:00:00Z x\n2026-11-21T10:00:00Z x\n2026-11-21T10:00:00Z x\n"))
            .containsExactly("x");
    }

    @Test
    void aLineWithoutATimestampGoesWithTheLineBeforeIt() {
        assertThat(cursor.newLines("untimed first\n2026-11-21T10:00:00Z Traceback:\n  at main\n2026-11-21T10:00:00Z \n"))
            .containsExactly("untimed first", "Traceback:", "  at main", "");
        assertThat(cursor.newLines("  at main\n2026-11-21T10:00:00Z \n2026-11-21T10:00:05Z next\n"))
            .containsExactly("next");
    }
}
