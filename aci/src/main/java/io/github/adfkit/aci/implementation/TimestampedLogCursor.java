package io.github.adfkit.aci.implementation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Remembers how far a job's output has been handed over, so that overlapping reads of the latest lines (ACI's
 * {@code logs?tail=n&timestamps=true}) yield each line once. A line is new when its timestamp is later than the last
 * one handed over, or equal to it but beyond the lines already handed over with that timestamp. A line without a
 * timestamp belongs with the line before it; one at the start of a read continues a line that was already seen,
 * unless nothing was handed over yet.
 */
final class TimestampedLogCursor {
    private Instant lastTime;
    private int linesAtLastTime;

    /**
     * @param content one read's {@code content}: lines, each starting with an RFC 3339 timestamp and a space
     * @return the lines not handed over before, oldest first, without their timestamps
     */
    synchronized List<String> newLines(String content) {
        List<String> fresh = new ArrayList<>();
        Instant previous = null;
        int readAtLastTime = 0;
        for (String line : content.split("\r?\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int space = line.indexOf(' ');
            Instant stamped = timestamp(space < 0 ? line : line.substring(0, space));
            String text = stamped == null ? line : space < 0 ? "" : line.substring(space + 1);
            Instant time = stamped != null ? stamped : previous != null ? previous : lastTime == null ? Instant.MIN
                : null;
            if (time == null) {
                continue;
            }
            previous = time;
            int order = lastTime == null ? 1 : time.compareTo(lastTime);
            if (order > 0) {
                lastTime = time;
                linesAtLastTime = 1;
                readAtLastTime = 1;
                fresh.add(text);
            } else if (order == 0 && ++readAtLastTime > linesAtLastTime) {
                linesAtLastTime++;
                fresh.add(text);
            }
        }
        return fresh;
    }

    private static Instant timestamp(String prefix) {
        try {
            return OffsetDateTime.parse(prefix).toInstant();
        } catch (DateTimeParseException notATimestamp) {
            return null;
        }
    }
}
