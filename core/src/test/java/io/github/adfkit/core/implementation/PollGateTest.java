package io.github.adfkit.core.implementation;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bound on a watcher's polls in flight.
 */
class PollGateTest {
    @Test
    void pollsBeyondTheLimitWaitAndGoOutAsSlotsFree() {
        PollGate gate = new PollGate(2);
        List<Integer> started = new ArrayList<>();

        for (int i = 0; i < 5; i++) {
            int poll = i;
            gate.submit(() -> started.add(poll));
        }
        assertThat(started).containsExactly(0, 1);

        gate.release();
        assertThat(started).containsExactly(0, 1, 2);
        gate.release();
        gate.release();
        assertThat(started).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void pollsThatEndAtOnceDoNotRecurseThroughTheQueue() {
        PollGate gate = new PollGate(1);
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        gate.submit(() -> inFlight.incrementAndGet());

        for (int i = 0; i < 100_000; i++) {
            gate.submit(() -> {
                mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                sent.incrementAndGet();
                inFlight.decrementAndGet();
                gate.release();
            });
        }
        inFlight.decrementAndGet();
        gate.release();

        assertThat(sent.get()).isEqualTo(100_000);
        assertThat(mostInFlight.get()).isEqualTo(1);
    }

    @Test
    void aSendThatThrowsFreesItsSlot() {
        PollGate gate = new PollGate(1);
        List<String> started = new ArrayList<>();

        gate.submit(() -> {
            throw new IllegalStateException("no connection");
        });
        gate.submit(() -> started.add("next"));

        assertThat(started).containsExactly("next");
    }
}
