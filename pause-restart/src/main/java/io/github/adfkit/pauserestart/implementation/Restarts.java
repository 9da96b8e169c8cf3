package io.github.adfkit.pauserestart.implementation;

import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.pauserestart.models.RestartResult;
import io.github.adfkit.pauserestart.models.RestartStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The restart decision: look the token up by hash, refuse what cannot be restarted (malformed, unknown, used,
 * expired), claim the ticket with an ETag-conditional write so that exactly one restart goes on, start the run,
 * record the outcome. A claim older than the claim timeout belongs to a restart that died; it can be claimed again,
 * and the run starter then looks for the run that restart may have started.
 */
public final class Restarts {
    private static final ClientLogger LOGGER = new ClientLogger(Restarts.class);

    private final PauseStore store;
    private final RunStarter starter;
    private final SchedulingClock clock;
    private final Duration claimTimeout;

    /**
     * @param store the tickets
     * @param starter starts runs at most once
     * @param clock the time source
     * @param claimTimeout how long a claim without an outcome is honoured
     */
    public Restarts(PauseStore store, RunStarter starter, SchedulingClock clock, Duration claimTimeout) {
        this.store = store;
        this.starter = starter;
        this.clock = clock;
        this.claimTimeout = claimTimeout;
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
        RestartResult refusal = refusal(ticket, clock.now());
        return refusal != null ? refusal : result(RestartStatus.READY, ticket, null, null);
    }

    /**
     * @param token what the caller sent
     * @return {@link RestartStatus#STARTED} with the run id, or why not
     */
    public RestartResult restart(String token) {
        StoredTicket ticket = lookUp(token);
        if (ticket == null) {
            return unknownOrMalformed(token);
        }
        Instant now = clock.now();
        RestartResult refusal = refusal(ticket, now);
        if (refusal != null) {
            return refusal;
        }
        StoredTicket claimed = store.claim(ticket, UUID.randomUUID().toString(), now);
        if (claimed == null) {
            StoredTicket winner = store.findTicket(ticket.entity().getPartitionKey());
            return alreadyUsed(winner == null ? ticket : winner);
        }
        RunOutcome outcome = starter.start(claimed);
        if (outcome.isStarted()) {
            Instant usedAt = clock.now();
            store.recordRun(claimed, outcome.runId(), usedAt);
            LOGGER.atInfo().addKeyValue("pauseId", claimed.pauseId()).addKeyValue("runId", outcome.runId())
                .log("Pipeline resumed.");
            return new RestartResult(RestartStatus.STARTED, claimed.pauseId(), claimed.target(), claimed.expiresAt(),
                usedAt, outcome.runId(), null);
        }
        store.recordFailure(claimed, outcome.failureReason());
        return result(RestartStatus.NOT_STARTED, claimed, null, outcome.failureReason());
    }

    private StoredTicket lookUp(String token) {
        return PauseTokens.isWellFormed(token) ? store.findTicket(PauseTokens.hash(token)) : null;
    }

    private static RestartResult unknownOrMalformed(String token) {
        RestartStatus status = PauseTokens.isWellFormed(token) ? RestartStatus.UNKNOWN_TOKEN
            : RestartStatus.MALFORMED_TOKEN;
        return new RestartResult(status, null, null, null, null, null, null);
    }

    private RestartResult refusal(StoredTicket ticket, Instant now) {
        TicketState state = ticket.state();
        boolean claimAlive = state == TicketState.CLAIMED && ticket.claimedAt().plus(claimTimeout).isAfter(now);
        if (state == TicketState.USED || claimAlive) {
            return alreadyUsed(ticket);
        }
        if (!now.isBefore(ticket.expiresAt())) {
            return result(RestartStatus.EXPIRED, ticket, null, null);
        }
        return null;
    }

    private static RestartResult alreadyUsed(StoredTicket ticket) {
        Instant when = ticket.state() == TicketState.USED ? ticket.usedAt() : ticket.claimedAt();
        return result(RestartStatus.ALREADY_USED, ticket, when, null);
    }

    private static RestartResult result(RestartStatus status, StoredTicket ticket, Instant usedAt,
        String failureReason) {
        return new RestartResult(status, ticket.pauseId(), ticket.target(), ticket.expiresAt(), usedAt,
            ticket.runId(), failureReason);
    }
}
