package io.github.adfkit.testing.implementation;

import java.util.Arrays;
import java.util.OptionalInt;
import java.util.Random;

/**
 * Decides, request by request, whether a fake answers with an injected error instead of its stub. The choice comes
 * from a seeded {@link Random}, so the same seed and the same request order give the same faults.
 */
public final class FaultInjector {
    private Random random = new Random();
    private double rate;
    private int[] statuses = new int[0];
    private int injected;

    /**
     * Starts injecting faults.
     *
     * @param seed the random seed
     * @param rate the fraction of requests to fail, from 0.0 to 1.0
     * @param statuses the statuses to answer with, chosen at random for each fault
     */
    public synchronized void configure(long seed, double rate, int[] statuses) {
        this.random = new Random(seed);
        this.rate = rate;
        this.statuses = Arrays.copyOf(statuses, statuses.length);
    }

    /**
     * Stops injecting faults.
     */
    public synchronized void clear() {
        rate = 0.0;
        statuses = new int[0];
    }

    /**
     * Decides the fate of one request.
     *
     * @return the status to fail it with, or empty to let it through
     */
    public synchronized OptionalInt next() {
        if (statuses.length == 0 || rate <= 0.0 || random.nextDouble() >= rate) {
            return OptionalInt.empty();
        }
        injected++;
        return OptionalInt.of(statuses[random.nextInt(statuses.length)]);
    }

    /**
     * How many faults were injected so far.
     *
     * @return the count, across configurations
     */
    public synchronized int injectedCount() {
        return injected;
    }
}
