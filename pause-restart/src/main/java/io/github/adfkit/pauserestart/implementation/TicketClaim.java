package io.github.adfkit.pauserestart.implementation;

import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.core.implementation.LeaseLostException;
import io.github.adfkit.core.implementation.LeasedRow;

import java.time.Instant;
import java.util.Map;

import static io.github.adfkit.pauserestart.implementation.StoredTicket.utc;

/**
 * A ticket one restart holds: a lease on the ticket row, renewed while the restart runs ({@code createRun} and its
 * retries included), and ended with the restart's outcome.
 */
public final class TicketClaim implements AutoCloseable {
    private static final ClientLogger LOGGER = new ClientLogger(TicketClaim.class);

    private final LeasedRow held;
    private final StoredTicket ticket;

    TicketClaim(LeasedRow held) {
        this.held = held;
        this.ticket = new StoredTicket(held.row());
    }

    /**
     * @return the ticket as claimed
     */
    public StoredTicket ticket() {
        return ticket;
    }

    /**
     * Checks, before {@code createRun}, that this restart still holds the ticket.
     *
     * @throws LeaseLostException if it does not: the claim ran out (storage unreachable) or another restart adopted it
     */
    public void ensureHeld() {
        held.ensureHeld();
    }

    /**
     * Records the started run in the ticket's journal and marks the ticket used, in one write. If the write fails,
     * the run stands: a later restart finds it by the pause id once this claim has run out.
     *
     * @param runId the run id
     * @param now now
     */
    public void recordRun(String runId, Instant now) {
        try {
            held.markDone(StoredTicket.RUN_STARTED, runId, Map.of(StoredTicket.STATE, TicketState.USED.name(),
                StoredTicket.USED_AT, utc(now)));
        } catch (RuntimeException notRecorded) {
            LOGGER.atWarning().addKeyValue("pauseId", ticket.pauseId()).addKeyValue("runId", runId)
                .log("Could not record the started run; a later restart finds it by the pause id.", notRecorded);
        }
    }

    /**
     * Marks the ticket failed and gives it up at once, so the person can try again.
     *
     * @param reason why Data Factory did not start the run
     */
    public void recordFailure(String reason) {
        try {
            held.release(Map.of(StoredTicket.STATE, TicketState.FAILED.name(), StoredTicket.FAILURE_REASON, reason));
        } catch (RuntimeException notRecorded) {
            LOGGER.atWarning().addKeyValue("pauseId", ticket.pauseId())
                .log("Could not record that no run was started; the link works again once the claim runs out.",
                    notRecorded);
        }
    }

    /**
     * Stops renewing the claim, writing nothing.
     */
    @Override
    public void close() {
        held.close();
    }
}
