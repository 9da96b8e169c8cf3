package io.github.adfkit.aci.implementation;

import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.aci.models.ContainerJobFailureReason;
import io.github.adfkit.aci.models.ExistingGroupPolicy;
import io.github.adfkit.core.implementation.WaitStep;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates a job's container group as its existing-group policy says: {@code FAIL} checks that the name is free
 * (and never takes over a group it did not create),
 * {@code REPLACE} deletes the old group and waits until it is gone, {@code REUSE_AND_START} creates or updates the
 * group and starts an existing one. Transient ARM answers are retried until the job's deadline; a final refusal is
 * explained ({@link Diagnosis}).
 */
final class GroupLaunch {
    private static final ClientLogger LOGGER = new ClientLogger(GroupLaunch.class);
    private static final int OK = 200;
    private static final int CREATED = 201;
    private static final int NOT_FOUND = 404;

    private final ContainerGroupsApi api;
    private final JobIdentity job;
    private final ContainerGroupDefinition definition;
    private final JobCalls calls;

    GroupLaunch(ContainerGroupsApi api, JobIdentity job, ContainerGroupDefinition definition, JobCalls calls) {
        this.api = api;
        this.job = job;
        this.definition = definition;
        this.calls = calls;
    }

    /**
     * @return how the launch ended: watch the group, the job timed out, or the job failed before it ran
     */
    Mono<Launched> run() {
        ExistingGroupPolicy policy = definition.spec().getExistingGroupPolicy();
        Mono<Launched> ready = switch (policy) {
            case FAIL -> failIfExists();
            case REPLACE -> deleteExisting();
            case REUSE_AND_START -> Mono.just(Launched.PROCEED);
        };
        return ready.flatMap(step -> step == Launched.PROCEED
            ? create(policy == ExistingGroupPolicy.REUSE_AND_START) : Mono.just(step));
    }

    private Mono<Launched> failIfExists() {
        return calls.retrying(() -> api.get(job.ref()), calls.untilDeadline()).map(response -> {
            if (response.status() == NOT_FOUND) {
                return Launched.PROCEED;
            }
            if (response.status() == OK) {
                return Launched.failed(ContainerJobFailureReason.GROUP_EXISTS, "A container group named '"
                    + job.ref().groupName() + "' already exists in resource group '"
                    + job.ref().resourceGroup() + "', and the existing-group policy is FAIL. Choose another "
                    + "name, leave the name out to have a unique one generated, or use REPLACE or REUSE_AND_START.",
                    false);
            }
            return refused(response, false);
        });
    }

    private Mono<Launched> deleteExisting() {
        return calls.retrying(() -> api.delete(job.ref()), calls.untilDeadline()).flatMap(response ->
            response.isSuccess() || response.status() == NOT_FOUND ? awaitGone()
                : Mono.just(refused(response, false)));
    }

    private Mono<Launched> awaitGone() {
        AtomicInteger checks = new AtomicInteger();
        return calls.waitFor(() -> calls.retrying(() -> api.get(job.ref()), calls.untilDeadline()).map(response -> {
            if (response.status() == NOT_FOUND) {
                return WaitStep.done(Launched.PROCEED);
            }
            if (response.status() != OK) {
                return WaitStep.done(refused(response, false));
            }
            return JobCalls.againOrDone(calls.untilDeadline().next(checks.incrementAndGet(), null),
                Launched.timedOut(false));
        }));
    }

    /**
     * Sends the PUT. ACI's {@code ContainerGroups_CreateOrUpdate} (Azure/azure-rest-api-specs,
     * {@code specification/containerinstance/.../stable/2023-05-01/containerInstance.json}) declares no
     * {@code If-Match} or {@code If-None-Match} parameter and the ContainerGroup resource has no {@code etag}, so the
     * PUT cannot be made conditional: what keeps two adfkit hosts from creating the same group is the claim of its
     * name in the job table (the job's row) and, for {@code FAIL}, the GET before the PUT. A 200 ("updated") is
     * never taken as a fresh create unless an earlier attempt of this same PUT went unanswered (then the group is
     * the one that attempt created): the job is reported as the group already existing, and the group is left to
     * its owner — not watched, stopped or deleted.
     */
    private Mono<Launched> create(boolean startIfUpdated) {
        AtomicInteger attempts = new AtomicInteger();
        return calls.retrying(() -> {
                attempts.incrementAndGet();
                return api.createOrUpdate(job.ref(), definition.toBody());
            }, calls.untilDeadline())
            .flatMap(response -> {
                boolean updatedSomeoneElses = response.status() == OK && attempts.get() == 1;
                if (updatedSomeoneElses && !startIfUpdated) {
                    return Mono.just(Launched.failed(ContainerJobFailureReason.GROUP_EXISTS, "ARM answered 200 "
                        + "(updated) to the create of container group " + job.ref().displayName() + ": it was "
                        + "created by someone else just before this job's create. It is not this job's group and is "
                        + "left as it is (not watched, stopped or deleted).", false));
                }
                if (response.status() == CREATED || response.status() == OK) {
                    LOGGER.info("Created container group {} for image {}.", job.ref().displayName(),
                        job.image());
                    return startIfUpdated && response.status() == OK ? startExisting()
                        : Mono.just(Launched.watch(response.status()));
                }
                if (response.isTransient()) {
                    return Mono.just(Launched.timedOut(true));
                }
                Diagnosis diagnosis = Diagnosis.ofRefusedCreate(job.image(), job.location(), response);
                return Mono.just(Launched.failed(diagnosis.reason(), diagnosis.message(), false));
            });
    }

    private Mono<Launched> startExisting() {
        return calls.retrying(() -> api.start(job.ref()), calls.untilDeadline())
            .map(response -> response.isSuccess() ? Launched.watch(OK) : refused(response, true));
    }

    private Launched refused(ArmResponse response, boolean groupOwned) {
        if (response.isTransient()) {
            return Launched.timedOut(groupOwned);
        }
        return Launched.failed(ContainerJobFailureReason.REJECTED, "ARM refused to launch the job in "
            + job.ref().displayName() + ": " + response.describeError() + ".", groupOwned);
    }

    /**
     * How a launch ended.
     *
     * @param kind what happens next
     * @param reason why the job failed, for {@link Kind#FAILED}
     * @param message the explanation, for {@link Kind#FAILED}; how the group was created, for {@link Kind#WATCH}
     * @param groupOwned whether a group of this job may exist (and is the job's own to clean up)
     */
    record Launched(Kind kind, ContainerJobFailureReason reason, String message, boolean groupOwned) {
        static final Launched PROCEED = new Launched(Kind.PROCEED, null, null, false);

        static Launched watch(int createStatus) {
            return new Launched(Kind.WATCH, null, "HTTP " + createStatus, true);
        }

        static Launched timedOut(boolean groupOwned) {
            return new Launched(Kind.TIMED_OUT, null, null, groupOwned);
        }

        static Launched failed(ContainerJobFailureReason reason, String message, boolean groupOwned) {
            return new Launched(Kind.FAILED, reason, message, groupOwned);
        }
    }

    /**
     * What happens after a launch step.
     */
    enum Kind {
        /** The name is free: create the group. */
        PROCEED,
        /** The group exists and runs: watch it. */
        WATCH,
        /** The deadline passed while ARM kept answering with transient errors. */
        TIMED_OUT,
        /** The job failed before it ran. */
        FAILED
    }
}
