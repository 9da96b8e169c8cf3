package io.github.adfkit.examples.functions;

import java.util.function.Supplier;

/**
 * One instance of something per process, built on first use: the Functions runtime may create a function class for
 * every invocation, but clients, watchers and operation servers must be shared. A build that fails (a missing app
 * setting) is tried again on the next use.
 *
 * @param <T> what is shared
 */
public final class ProcessWide<T> {
    private final Supplier<T> build;
    private T instance;

    /**
     * @param build how to build the instance
     */
    public ProcessWide(Supplier<T> build) {
        this.build = build;
    }

    /**
     * @return the instance, built now if this is the first successful use
     */
    public synchronized T get() {
        if (instance == null) {
            instance = build.get();
        }
        return instance;
    }
}
