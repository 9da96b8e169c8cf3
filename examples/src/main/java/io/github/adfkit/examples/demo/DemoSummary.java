package io.github.adfkit.examples.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * How the demo went: one row per flow, and the exit code that follows from it.
 *
 * @param rows the flows in the order they ran; empty if the demo could not start
 * @param startFailure why the demo could not start, or {@code null}
 * @param total how long the whole demo took
 */
public record DemoSummary(List<FlowResult> rows, String startFailure, Duration total) {
    /**
     * @param rows the flows in the order they ran
     * @param startFailure why the demo could not start, or {@code null}
     * @param total how long the whole demo took
     */
    public DemoSummary {
        rows = List.copyOf(rows);
    }

    /**
     * @return whether the demo started and every flow passed
     */
    public boolean passed() {
        return startFailure == null && !rows.isEmpty() && rows.stream().allMatch(FlowResult::passed);
    }

    /**
     * @return 0 when every flow passed, otherwise 1
     */
    public int exitCode() {
        return passed() ? 0 : 1;
    }

    /**
     * Prints the table and the verdict.
     *
     * @param out where to print
     */
    public void print(PrintStream out) {
        out.println();
        String format = "%-32s | %-6s | %-64s | %6s%n";
        out.printf(format, "flow", "result", "outcome", "time");
        out.println("-".repeat(33) + "+" + "-".repeat(8) + "+" + "-".repeat(66) + "+" + "-".repeat(7));
        rows.forEach(row -> out.printf(format, row.flow(), row.passed() ? "passed" : "FAILED", row.outcome(),
            seconds(row.time())));
        out.println();
        if (startFailure != null) {
            out.println("The demo could not start: " + startFailure);
        } else if (passed()) {
            out.println("all flows passed in " + seconds(total));
        } else {
            out.println("some flows FAILED (see above) after " + seconds(total));
        }
    }

    private static String seconds(Duration time) {
        return String.format("%.1f s", time.toMillis() / 1000.0);
    }
}
