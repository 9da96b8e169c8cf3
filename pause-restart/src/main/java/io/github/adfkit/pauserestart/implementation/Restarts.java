package io.github.adfkit.pauserestart.implementation;

import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.core.implementation.LeaseLostException;
import io.github.adfkit.core.implementation.LeaseTerms;
import io.github.adfkit.core.implementation.Telemetry;
import io.github.adfkit.pauserestart.models.RestartResult;
import io.github.adfkit.pauserestart.models.RestartStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The restart decision: look the token up by hash, refuse what cannot be restarted (malformed, unknown, used, under
 * way, expired), claim the ticket so that exactly one restart goes on, start the run, record the outcome.
 *
 * <p>A claim is a lease on the ticket row, renewed while the restart runs, so it is never taken from a restart that
 * is still working, however long Data Factory takes. A claim whose lease ran out belongs to a restart that died; the
 * next restart adopts it, and the run starter then looks for the run the dead one may have started. A run recorded
 * in the ticket's journal is never started again.</p>
 */
public final class Restarts {
    private static final ClientLogger LOGGER = new ClientLogger(Restarts.class);

    private final PauseStore store;
    private final RunStarter starter;
    private final SchedulingClock clock;
    private final Duration claimDuration;
    private volatile Telemetry telemetry = Telemetry.of(null);

    /**
     * @param store the tickets
     * @param starter starts runs at most once
     * @param clock the time source, which also renews claims
     * @param claimDuration how long a claim lasts without renewal: a dead restart's claim is adopted after this long
     */
    public Restarts(PauseStore store, RunStarter starter, SchedulingClock clock, Duration claimDuration) {
        this.store = store;
        this.starter = starter;
        this.clock = clock;
        this.claimDuration = claimDuration;
    }

    /**
     * @param where where the restarts' spans and counters go
     * @return this
     */
    public Restarts telemetry(Telemetry where) {
        this.telemetry = where;
        return this;
    }

    /**
     * @param token what the caller sent
     * @return {@link RestartStatus#READY} or the reason a restart would be refused; changes nothing
     */
    public RestartResult preview(String token) {
        StoredTicket ticket = lookUp(token);
        if (ticket == null) {
            return unknownOrMalformed(token);
        }
        RestartResult refusal = refusal(ticket, newRestartId(), clock.now());
        return refusal != null ? refusal : result(RestartStatus.READY, ticket, null, null);
    }

    /**
     * @param token what the caller sent
     * @return {@link RestartStatus#STARTED} with the run id, or why not
     * @throws LeaseLostException if this restart lost its claim before {@code createRun} because Table storage could
     * not be reached to renew it; nothing was started by this restart
     */
    public RestartResult restart(String token) {
        Telemetry.Flow flow = telemetry.start("adfkit.restart", Map.of());
        String outcome = "lease_lost";
        try {
            RestartResult result = claimAndRun(token);
            outcome = result.getStatus().name().toLowerCase(Locale.ROOT);
            return result;
        } finally {
            telemetry.count("adfkit.restarts", "Restart requests, by outcome", Map.of(Telemetry.OUTCOME, outcome));
            flow.end(outcome, "started".equals(outcome) ? null : outcome);
        }
    }

    private RestartResult claimAndRun(String token) {
        StoredTicket ticket = lookUp(token);
        if (ticket == null) {
            return unknownOrMalformed(token);
        }
        LeaseTerms lease = new LeaseTerms(newRestartId(), claimDuration, clock);
        Instant now = clock.now();
        RestartResult refusal = refusal(ticket, lease.owner(), now);
        if (refusal != null) {
            return refusal;
        }
        Optional<TicketClaim> claim = store.claim(ticket, lease, now);
        if (claim.isEmpty()) {
            StoredTicket winner = store.findTicket(ticket.row().partitionKey());
            return alreadyUsed(winner == null ? ticket : winner);
        }
        try (TicketClaim held = claim.get()) {
            return run(held);
        } catch (LeaseLostException lost) {
            StoredTicket current = store.findTicket(ticket.row().partitionKey());
            RestartResult taken = current == null ? null : refusal(current, lease.owner(), clock.now());
            if (taken == null) {
                throw lost;
            }
            return taken;
        }
    }

    private RestartResult run(TicketClaim held) {
        StoredTicket claimed = held.ticket();
        RunOutcome outcome = starter.start(held);
        if (outcome.isStarted()) {
            Instant usedAt = clock.now();
            held.recordRun(outcome.runId(), usedAt);
            LOGGER.atInfo().addKeyValue("pauseId", claimed.pauseId()).addKeyValue("runId", outcome.runId())
                .log("Pipeline resumed.");
            return new RestartResult(RestartStatus.STARTED, claimed.pauseId(), claimed.target(), claimed.expiresAt(),
                usedAt, outcome.runId(), null);
        }
        held.recordFailure(outcome.failureReason());
        return result(RestartStatus.NOT_STARTED, claimed, null, outcome.failureReason());
    }

    private StoredTicket lookUp(String token) {
        return PauseTokens.isWellFormed(token) ? store.findTicket(PauseTokens.hash(token)) : null;
    }

    private static String newRestartId() {
        return UUID.randomUUID().toString();
    }

    private static RestartResult unknownOrMalformed(String token) {
        RestartStatus status = PauseTokens.isWellFormed(token) ? RestartStatus.UNKNOWN_TOKEN
            : RestartStatus.MALFORMED_TOKEN;
        return new RestartResult(status, null, null, null, null, null, null);
    }

    private static RestartResult refusal(StoredTicket ticket, String restartId, Instant now) {
        if (ticket.runId() != null || ticket.isHeldByAnother(restartId, now)) {
            return alreadyUsed(ticket);
        }
        if (!now.isBefore(ticket.expiresAt())) {
            return result(RestartStatus.EXPIRED, ticket, null, null);
        }
        return null;
    }

    private static RestartResult alreadyUsed(StoredTicket ticket) {
        Instant when = ticket.runId() != null ? ticket.usedAt() : ticket.claimedAt();
        return result(RestartStatus.ALREADY_USED, ticket, when, null);
    }

    private static RestartResult result(RestartStatus status, StoredTicket ticket, Instant usedAt,
        String failureReason) {
        return new RestartResult(status, ticket.pauseId(), ticket.target(), ticket.expiresAt(), usedAt,
            ticket.runId(), failureReason);
    }
}
