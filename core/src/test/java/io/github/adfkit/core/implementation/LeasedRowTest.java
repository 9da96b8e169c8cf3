package io.github.adfkit.core.implementation;

import com.azure.data.tables.TableClient;
import io.github.adfkit.core.ManualClock;
import io.github.adfkit.testing.azurite.AzuriteExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Leases and the journal against Azurite, on a manual clock: a lease held while its holder works is never adopted,
 * a lapsed one is adopted by exactly one host, and the adopter sees what the first host marked done.
 */
@ExtendWith(AzuriteExtension.class)
class LeasedRowTest {
    private static final Duration LEASE = Duration.ofMinutes(5);

    private final ConditionalTable table;
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    LeasedRowTest(TableClient client) {
        this.table = new ConditionalTable(client);
    }

    @Test
    void aLeaseRenewedWhileItsHolderWorksIsNeverAdoptedByAnotherHost() throws InterruptedException {
        LeasedRow held = LeasedRow.create(table, "job", "1", Map.of("Phase", "RUNNING"), terms("a")).orElseThrow();

        for (int i = 0; i < 12; i++) {
            String before = table.read("job", "1").orElseThrow().eTag();
            clock.advance(LEASE.dividedBy(3));
            awaitRenewalAfter(before);
            StoredRow seen = table.read("job", "1").orElseThrow();
            assertThat(LeasedRow.claim(table, seen, terms("b"))).isEmpty();
        }
        held.ensureHeld();
        held.close();
    }

    @Test
    void aLapsedLeaseIsAdoptedByOneHostAndTheOldHolderNoticesBeforeItsNextSideEffect() {
        LeasedRow first = LeasedRow.create(table, "job", "2", Map.of(), terms("a")).orElseThrow();
        first.markDone("GroupCreated", "2026-01-01T00:00:00Z", Map.of());
        first.close();
        clock.advance(LEASE.plusSeconds(1));

        StoredRow stale = table.read("job", "2").orElseThrow();
        LeasedRow adopted = LeasedRow.claim(table, stale, terms("b")).orElseThrow();
        assertThat(LeasedRow.claim(table, stale, terms("c"))).isEmpty();

        assertThat(adopted.isDone("GroupCreated")).isTrue();
        assertThat(adopted.isDone("CallbackDelivered")).isFalse();
        assertThatThrownBy(first::ensureHeld).isInstanceOf(LeaseLostException.class);
        assertThatThrownBy(() -> first.markDone("CallbackDelivered", "x", Map.of()))
            .isInstanceOf(LeaseLostException.class);
        adopted.close();
    }

    @Test
    void aHolderWhoseRecordWasTakenOverFailsItsNextWrite() {
        LeasedRow first = LeasedRow.create(table, "job", "3", Map.of(), terms("a")).orElseThrow();
        StoredRow current = first.row();
        table.replace(current, current.with(Map.of(LeasedRow.LEASE_OWNER, "b")));

        assertThatThrownBy(() -> first.markDone("LogsRead", "t", Map.of())).isInstanceOf(LeaseLostException.class)
            .hasMessageContaining("taken over");
        assertThatThrownBy(first::ensureHeld).isInstanceOf(LeaseLostException.class);
    }

    @Test
    void aRenewalThatFindsTheRecordTakenOverTellsTheHolder() throws InterruptedException {
        LeasedRow first = LeasedRow.create(table, "job", "4", Map.of(), terms("a")).orElseThrow();
        CountDownLatch lost = new CountDownLatch(1);
        first.onLost(lost::countDown);
        StoredRow current = first.row();
        table.replace(current, current.with(Map.of(LeasedRow.LEASE_OWNER, "b")));

        clock.advance(LEASE.dividedBy(3));

        assertThat(lost.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(first::ensureHeld).isInstanceOf(LeaseLostException.class);
    }

    @Test
    void releaseHandsTheRecordOverAtOnceAndRemoveLeavesNothing() {
        LeasedRow first = LeasedRow.create(table, "job", "5", Map.of(), terms("a")).orElseThrow();
        first.release();
        LeasedRow second = LeasedRow.claim(table, table.read("job", "5").orElseThrow(), terms("b")).orElseThrow();

        second.remove();

        assertThat(table.read("job", "5")).isEmpty();
        assertThat(LeasedRow.create(table, "job", "5", Map.of(), terms("c"))).isPresent();
    }

    @Test
    void aClaimChangesTheRecordInItsOwnWriteAndAReleaseWithChangesHandsItOverAtOnce() {
        table.create("job", "6", Map.of("Phase", "WAITING"));
        StoredRow waiting = table.read("job", "6").orElseThrow();

        LeasedRow first = LeasedRow.claim(table, waiting, Map.of("Phase", "STARTING"), terms("a")).orElseThrow();
        assertThat(LeasedRow.claim(table, waiting, Map.of("Phase", "STARTING"), terms("b"))).isEmpty();
        assertThat(table.read("job", "6").orElseThrow().text("Phase")).isEqualTo("STARTING");

        first.release(Map.of("Phase", "FAILED"));
        StoredRow released = table.read("job", "6").orElseThrow();

        assertThat(released.text("Phase")).isEqualTo("FAILED");
        assertThatThrownBy(first::ensureHeld).isInstanceOf(LeaseLostException.class);
        LeasedRow second = LeasedRow.claim(table, released, Map.of("Phase", "STARTING"), terms("b")).orElseThrow();
        assertThat(second.row().text(LeasedRow.LEASE_OWNER)).isEqualTo("b");
        second.close();
    }

    private LeaseTerms terms(String owner) {
        return new LeaseTerms(owner, LEASE, clock);
    }

    private void awaitRenewalAfter(String eTag) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (table.read("job", "1").orElseThrow().eTag().equals(eTag)) {
            assertThat(System.nanoTime()).as("the lease was renewed in time").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }
}
