package io.github.adfkit.pauserestart.implementation;

import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.util.Context;
import com.azure.core.util.logging.ClientLogger;
import com.azure.resourcemanager.datafactory.DataFactoryManager;
import com.azure.resourcemanager.datafactory.models.PipelineRun;
import com.azure.resourcemanager.datafactory.models.PipelineRunsQueryResponse;
import com.azure.resourcemanager.datafactory.models.RunFilterParameters;
import com.azure.resourcemanager.datafactory.models.RunQueryFilter;
import com.azure.resourcemanager.datafactory.models.RunQueryFilterOperand;
import com.azure.resourcemanager.datafactory.models.RunQueryFilterOperator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.github.adfkit.core.Backoff;
import io.github.adfkit.core.Redaction;
import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.core.implementation.Json;
import io.github.adfkit.core.implementation.RetryAfter;
import io.github.adfkit.core.implementation.RetrySchedule;
import io.github.adfkit.core.implementation.TransientStatus;
import io.github.adfkit.core.implementation.WaitLoop;
import io.github.adfkit.core.implementation.WaitStep;
import io.github.adfkit.pauserestart.DataFactoryManagerFactory;
import io.github.adfkit.pauserestart.models.PipelineTarget;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Starts the run of a claimed ticket, at most once. {@code createRun} has no idempotency key, so whenever an attempt
 * may have started a run (a timeout, an I/O error, a 5xx, or an earlier claim that never recorded its outcome) the
 * factory's runs are searched for the pause id before the next attempt; a run found there is adopted. 429 and other
 * 4xx answers started nothing: 429 is retried after its {@code Retry-After}, other 4xx are final. Before each
 * {@code createRun} the restart checks that it still holds its claim.
 */
public final class RunStarter {
    private static final ClientLogger LOGGER = new ClientLogger(RunStarter.class);
    private static final String RESPONSE_TIMEOUT_KEY = "azure-response-timeout";
    private static final Duration QUERY_MARGIN = Duration.ofMinutes(5);
    private static final int MAX_QUERY_PAGES = 20;

    private final DataFactoryManagerFactory factory;
    private final Map<String, DataFactoryManager> managers = new ConcurrentHashMap<>();
    private final SchedulingClock clock;
    private final RetrySchedule schedule;
    private final int maxAttempts;
    private final Duration createRunTimeout;

    /**
     * @param factory makes a manager per tenant and subscription
     * @param clock the time source for backoff waits
     * @param backoff the wait between attempts
     * @param maxAttempts how many times {@code createRun} is tried per restart
     * @param createRunTimeout how long one {@code createRun} may take before it counts as ambiguous
     */
    public RunStarter(DataFactoryManagerFactory factory, SchedulingClock clock, Backoff backoff, int maxAttempts,
        Duration createRunTimeout) {
        this.factory = factory;
        this.clock = clock;
        this.schedule = RetrySchedule.of(backoff, clock).atMost(maxAttempts);
        this.maxAttempts = maxAttempts;
        this.createRunTimeout = createRunTimeout;
    }

    /**
     * Starts the run, or finds the one an earlier attempt started.
     *
     * @param claim the ticket this restart holds
     * @return the run id, or why there is none
     * @throws io.github.adfkit.core.implementation.LeaseLostException if the claim was lost before a
     * {@code createRun}
     */
    public RunOutcome start(TicketClaim claim) {
        StoredTicket claimed = claim.ticket();
        PipelineTarget target = claimed.target();
        DataFactoryManager manager;
        Map<String, Object> parameters;
        try {
            manager = managers.computeIfAbsent(target.getTenantId() + "/" + target.getSubscriptionId(),
                key -> factory.create(target.getTenantId(), target.getSubscriptionId()));
            parameters = parameters(claimed);
        } catch (RuntimeException setupFailed) {
            LOGGER.atWarning().addKeyValue("pauseId", claimed.pauseId()).log("Could not prepare createRun.",
                setupFailed);
            return RunOutcome.notStarted("adfkit could not prepare the Data Factory call: "
                + Redaction.text(setupFailed.getMessage()));
        }
        Attempts attempts = new Attempts(manager, claim, parameters);
        try {
            return WaitLoop.runBlocking(() -> attempt(attempts), clock);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return finalCheck(attempts);
        }
    }

    /**
     * One attempt: look for a run an earlier attempt may have started, otherwise {@code createRun}. Done with the
     * run, with a refusal, or (once the schedule allows no more attempts) with what the last check finds.
     */
    private WaitStep<RunOutcome> attempt(Attempts attempts) {
        StoredTicket claimed = attempts.claim.ticket();
        PipelineTarget target = claimed.target();
        attempts.made++;
        if (attempts.mayHaveStarted) {
            try {
                Optional<String> existing = findRun(attempts.manager, claimed);
                if (existing.isPresent()) {
                    LOGGER.atInfo().addKeyValue("pauseId", claimed.pauseId())
                        .addKeyValue("runId", existing.get()).log("Adopted the run an earlier attempt started.");
                    return WaitStep.done(RunOutcome.started(existing.get()));
                }
                attempts.mayHaveStarted = false;
            } catch (RuntimeException unknown) {
                return retry(attempts, failure("Could not check whether an earlier attempt started a run", unknown));
            }
        }
        attempts.claim.ensureHeld();
        try {
            String runId = attempts.manager.pipelines().createRunWithResponse(target.getResourceGroupName(),
                target.getFactoryName(), target.getPipelineName(), null, null, null, null, attempts.parameters,
                Context.NONE.addData(RESPONSE_TIMEOUT_KEY, createRunTimeout)).getValue().runId();
            return WaitStep.done(RunOutcome.started(runId));
        } catch (RuntimeException failed) {
            Failure last = failure("createRun failed", failed);
            if (last.isFinal()) {
                LOGGER.atWarning().addKeyValue("pauseId", claimed.pauseId()).log("Data Factory refused createRun: "
                    + last.reason());
                return WaitStep.done(RunOutcome.notStarted(last.reason()));
            }
            attempts.mayHaveStarted = last.status() != 429;
            return retry(attempts, last);
        }
    }

    private WaitStep<RunOutcome> retry(Attempts attempts, Failure failure) {
        attempts.last = failure;
        LOGGER.atWarning().addKeyValue("pauseId", attempts.claim.ticket().pauseId())
            .addKeyValue("attempt", attempts.made).log(failure.reason());
        return schedule.next(attempts.made, failure.retryAfter()).<WaitStep<RunOutcome>>map(WaitStep::again)
            .orElseGet(() -> WaitStep.done(finalCheck(attempts)));
    }

    private RunOutcome finalCheck(Attempts attempts) {
        StoredTicket claimed = attempts.claim.ticket();
        if (attempts.mayHaveStarted) {
            try {
                Optional<String> existing = findRun(attempts.manager, claimed);
                if (existing.isPresent()) {
                    return RunOutcome.started(existing.get());
                }
            } catch (RuntimeException stillDown) {
                LOGGER.atWarning().addKeyValue("pauseId", claimed.pauseId())
                    .log("Could not check for a run after the last attempt.", stillDown);
            }
        }
        String lastFailure = attempts.last == null ? "no attempt was made" : attempts.last.reason();
        return RunOutcome.notStarted(lastFailure + "; tried " + maxAttempts + " times");
    }

    private Optional<String> findRun(DataFactoryManager manager, StoredTicket claimed) {
        PipelineTarget target = claimed.target();
        Instant now = clock.now();
        RunFilterParameters filter = new RunFilterParameters()
            .withLastUpdatedAfter(claimed.createdAt().minus(QUERY_MARGIN).atOffset(ZoneOffset.UTC))
            .withLastUpdatedBefore(now.plus(QUERY_MARGIN).atOffset(ZoneOffset.UTC))
            .withFilters(List.of(new RunQueryFilter().withOperand(RunQueryFilterOperand.PIPELINE_NAME)
                .withOperator(RunQueryFilterOperator.EQUALS).withValues(List.of(target.getPipelineName()))));
        for (int page = 0; page < MAX_QUERY_PAGES; page++) {
            PipelineRunsQueryResponse runs = manager.pipelineRuns().queryByFactory(target.getResourceGroupName(),
                target.getFactoryName(), filter);
            Optional<String> match = runs.value() == null ? Optional.empty() : runs.value().stream()
                .filter(run -> isFor(run, claimed)).map(PipelineRun::runId).findFirst();
            if (match.isPresent() || runs.continuationToken() == null) {
                return match;
            }
            filter.withContinuationToken(runs.continuationToken());
        }
        return Optional.empty();
    }

    private static boolean isFor(PipelineRun run, StoredTicket claimed) {
        return run.parameters() != null && claimed.pauseId().equals(run.parameters().get(claimed.pauseIdParameter()));
    }

    private static Map<String, Object> parameters(StoredTicket claimed) {
        Map<String, Object> parameters;
        try {
            parameters = Json.mapper().readValue(claimed.parametersJson(),
                new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (JsonProcessingException corrupt) {
            throw LOGGER.logExceptionAsError(new IllegalStateException(
                "The stored pipeline parameters are not a JSON object.", corrupt));
        }
        parameters.put(claimed.pauseIdParameter(), claimed.pauseId());
        return parameters;
    }

    private Failure failure(String what, RuntimeException error) {
        if (error instanceof ManagementException && ((ManagementException) error).getResponse() != null) {
            ManagementException refused = (ManagementException) error;
            int status = refused.getResponse().getStatusCode();
            ManagementError detail = refused.getValue();
            String reason = "Data Factory answered " + status
                + (detail == null ? "" : ": " + Redaction.text(detail.getCode() + " " + detail.getMessage()));
            return new Failure(status, reason, RetryAfter.from(refused.getResponse().getHeaders(), clock.now()));
        }
        return new Failure(0, what + ": Data Factory did not answer (" + error.getClass().getSimpleName() + ": "
            + Redaction.text(error.getMessage()) + ")", null);
    }

    /**
     * One failed call: the HTTP status (0 when there was no answer), a reason safe to show and log, and the wait the
     * service asked for.
     */
    private record Failure(int status, String reason, Duration retryAfter) {
        /** A 4xx other than 408 and 429 started nothing and will not start anything on a retry. */
        boolean isFinal() {
            return TransientStatus.isRefusal(status);
        }
    }

    /**
     * The state of one restart's attempts: the manager and parameters to call with, the claim to check, how many
     * attempts were made, whether an earlier one may have started a run, and the last failure.
     */
    private static final class Attempts {
        private final DataFactoryManager manager;
        private final TicketClaim claim;
        private final Map<String, Object> parameters;
        private int made;
        private boolean mayHaveStarted;
        private Failure last;

        Attempts(DataFactoryManager manager, TicketClaim claim, Map<String, Object> parameters) {
            this.manager = manager;
            this.claim = claim;
            this.parameters = parameters;
            this.mayHaveStarted = claim.ticket().claims() > 1;
        }
    }
}
