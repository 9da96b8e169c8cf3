package io.github.adfkit.testing.implementation;

import io.github.adfkit.testing.faults.FaultAction;
import io.github.adfkit.testing.faults.ProxiedRequest;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The faults a test scripted for the next matching requests, in the order it scripted them.
 */
public final class ScriptedFaults {
    private final List<Entry> entries = new ArrayList<>();

    /**
     * Queues a fault for the next {@code times} matching requests.
     *
     * @param times how many requests
     * @param match which requests
     * @param fault the fault
     */
    public synchronized void add(int times, Predicate<ProxiedRequest> match, FaultAction fault) {
        if (times > 0) {
            entries.add(new Entry(match, fault, times));
        }
    }

    /**
     * Takes the fault for a request: the first queued entry it matches.
     *
     * @param request the request
     * @return the fault, or empty if no entry matches
     */
    public synchronized Optional<FaultAction> next(ProxiedRequest request) {
        Iterator<Entry> iterator = entries.iterator();
        while (iterator.hasNext()) {
            Entry entry = iterator.next();
            if (entry.match.test(request)) {
                if (--entry.remaining == 0) {
                    iterator.remove();
                }
                return Optional.of(entry.fault);
            }
        }
        return Optional.empty();
    }

    /**
     * Forgets every queued fault.
     */
    public synchronized void clear() {
        entries.clear();
    }

    private static final class Entry {
        private final Predicate<ProxiedRequest> match;
        private final FaultAction fault;
        private int remaining;

        private Entry(Predicate<ProxiedRequest> match, FaultAction fault, int remaining) {
            this.match = match;
            this.fault = fault;
            this.remaining = remaining;
        }
    }
}
