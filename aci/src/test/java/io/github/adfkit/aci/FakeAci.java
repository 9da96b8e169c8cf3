package io.github.adfkit.aci;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.adfkit.aci.models.ContainerImagePolicy;
import io.github.adfkit.aci.models.ContainerJobSpec;
import io.github.adfkit.core.ManualClock;
import io.github.adfkit.core.SealingKeys;
import io.github.adfkit.testing.aci.AciFakeServer;
import io.github.adfkit.testing.arm.StaticTestTokenCredential;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.fail;

/**
 * The ACI fake and a manual clock shared with the client under test, so hours of a job pass in milliseconds.
 */
final class FakeAci implements AutoCloseable {
    static final String SUBSCRIPTION = "sub-1";
    static final String RESOURCE_GROUP = "rg-jobs";
    static final Duration STEP = Duration.ofSeconds(1);

    final ManualClock clock;
    final AciFakeServer aci;
    /** Runs before each move of the clock, for example a {@link LeaseGate}. */
    Runnable beforeEachStep = () -> { };

    /**
     * A fake whose clock starts at 2026-01-01.
     */
    FakeAci() {
        this(new ManualClock());
    }

    /**
     * @param clock the manual clock of the fake and the hosts under test
     */
    FakeAci(ManualClock clock) {
        this.clock = clock;
        this.aci = new AciFakeServer(clock::now).start();
    }

    /** The bytes of the sealing key every test host uses, so hosts can share a job store. */
    static final byte[] SEALING_KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final SealingKeys KEYS = SealingKeys.of("k1", SEALING_KEY);
    /** The images every test host lets a WebHook request run. */
    static final ContainerImagePolicy IMAGES = ContainerImagePolicy.none().allowRegistry("myacr.azurecr.io");

    ContainerJobClientBuilder builder() {
        return new ContainerJobClientBuilder()
            .sealingKeys(KEYS)
            .webhookImagePolicy(IMAGES)
            .endpoint(aci.baseUrl())
            .pipeline(aci.httpPipeline(new StaticTestTokenCredential()))
            .subscriptionId(SUBSCRIPTION)
            .clock(clock);
    }

    static ContainerJobSpec spec(String groupName) {
        return new ContainerJobSpec(RESOURCE_GROUP, "westeurope", "myacr.azurecr.io/job:1.2").setGroupName(groupName);
    }

    /**
     * Moves the clock a second at a time, each time after the watcher has finished its I/O, until {@code done}.
     */
    void advanceUntil(ContainerJobWatcher watcher, BooleanSupplier done, Duration maxSimulated) {
        advanceUntil(List.of(watcher), done, maxSimulated);
    }

    /**
     * Like {@link #advanceUntil(ContainerJobWatcher, BooleanSupplier, Duration)}, for several hosts on one clock.
     */
    void advanceUntil(List<ContainerJobWatcher> watchers, BooleanSupplier done, Duration maxSimulated) {
        advanceInSteps(watchers, done, STEP, Duration.ofSeconds(2), maxSimulated);
    }

    /**
     * Like {@link #advanceUntil(List, BooleanSupplier, Duration)} in bigger steps, waiting at most {@code settle} of
     * real time per step for the hosts' I/O: for long stretches in which a job waits on a callback client's retries
     * (it counts as busy meanwhile, so waiting for idle would only wait out the timeout).
     */
    void advanceInSteps(List<ContainerJobWatcher> watchers, BooleanSupplier done, Duration step, Duration settle,
        Duration maxSimulated) {
        Instant limit = clock.now().plus(maxSimulated);
        while (true) {
            try {
                for (ContainerJobWatcher watcher : watchers) {
                    watcher.awaitIdle(settle);
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError(interrupted);
            }
            if (done.getAsBoolean()) {
                return;
            }
            if (clock.now().isAfter(limit)) {
                fail("Not done after " + maxSimulated + " of simulated time; requests: " + describeRequests());
            }
            beforeEachStep.run();
            clock.advance(step);
        }
    }

    /**
     * @param method an HTTP method
     * @param groupName a container group name
     * @return how many requests with that method reached the group itself (not its sub-resources)
     */
    long count(String method, String groupName) {
        return requestLines().stream().filter((method + " " + groupName)::equals).count();
    }

    /**
     * Lets {@code duration} of simulated time pass, a second at a time, each time after the watchers' I/O.
     */
    void advanceFor(List<ContainerJobWatcher> watchers, Duration duration) {
        Instant end = clock.now().plus(duration);
        advanceUntil(watchers, () -> !clock.now().isBefore(end), duration.plusSeconds(1));
    }

    /**
     * Waits (real time) for a condition that another thread makes true, such as a poller's activation.
     */
    static void await(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Condition not met within " + timeout);
            }
            LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
        }
    }

    /**
     * @return each request as {@code METHOD /last-path-segments}, oldest first
     */
    List<String> requestLines() {
        return aci.requests().stream().map(FakeAci::line).collect(Collectors.toList());
    }

    private String describeRequests() {
        List<String> lines = requestLines();
        return lines.subList(Math.max(0, lines.size() - 20), lines.size()).toString();
    }

    private static String line(LoggedRequest request) {
        String path = request.getUrl();
        int query = path.indexOf('?');
        path = query < 0 ? path : path.substring(0, query);
        int groups = path.indexOf("/containerGroups/");
        return request.getMethod().getName() + " " + (groups < 0 ? path : path.substring(groups + 17));
    }

    @Override
    public void close() {
        aci.close();
    }
}
