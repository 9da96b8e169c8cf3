package io.github.adfkit.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Sends requests in a row and records what each met: its status, or {@code reset} when it failed with an exception.
 */
public final class FaultOutcomes {
    private FaultOutcomes() {
    }

    /**
     * Sends {@code count} requests one after the other.
     *
     * @param count how many
     * @param send sends one request and returns its status
     * @return each status as text, or {@code reset}, in order
     */
    public static List<String> of(int count, Callable<Integer> send) {
        List<String> outcomes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try {
                outcomes.add(Integer.toString(send.call()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            } catch (Exception reset) {
                outcomes.add("reset");
            }
        }
        return outcomes;
    }
}
