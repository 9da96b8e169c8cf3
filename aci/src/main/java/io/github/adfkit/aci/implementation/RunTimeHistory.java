package io.github.adfkit.aci.implementation;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How long the containers of each image ran in this process (the last {@value #SAMPLES} runs of each of the last
 * {@value #IMAGES} images), and from that the run time to expect, when the runs agree well enough to be worth
 * planning polls around.
 */
final class RunTimeHistory {
    static final int SAMPLES = 16;
    static final int IMAGES = 256;
    private static final int MIN_SAMPLES = 3;
    private static final double MAX_RELATIVE_SPREAD = 0.5;
    private static final Duration MIN_HALF_WIDTH = Duration.ofSeconds(30);

    private final Map<String, Deque<Duration>> runs = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Duration>> eldest) {
            return size() > IMAGES;
        }
    };

    /**
     * An expected run time and how far around it the end may fall.
     *
     * @param expected the median run time
     * @param halfWidth half the spread between the 10th and 90th percentile, at least 30 seconds
     */
    record Estimate(Duration expected, Duration halfWidth) {
    }

    synchronized void record(String image, Duration runTime) {
        Deque<Duration> samples = runs.computeIfAbsent(image, ignored -> new ArrayDeque<>());
        samples.addLast(runTime);
        if (samples.size() > SAMPLES) {
            samples.removeFirst();
        }
    }

    /**
     * @param image an image
     * @return the run time to expect, or {@code null} if too few runs are known or they differ too much
     */
    synchronized Estimate estimate(String image) {
        Deque<Duration> samples = runs.get(image);
        if (samples == null || samples.size() < MIN_SAMPLES) {
            return null;
        }
        List<Duration> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int n = sorted.size();
        Duration median = sorted.get(n / 2);
        Duration spread = sorted.get(Math.min(n - 1, n * 9 / 10)).minus(sorted.get(n / 10));
        if (spread.toMillis() > median.toMillis() * MAX_RELATIVE_SPREAD) {
            return null;
        }
        Duration halfWidth = spread.dividedBy(2);
        return new Estimate(median, halfWidth.compareTo(MIN_HALF_WIDTH) < 0 ? MIN_HALF_WIDTH : halfWidth);
    }
}
