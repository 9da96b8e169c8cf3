package io.github.adfkit.core.implementation;

import com.azure.core.http.HttpHeaders;
import com.azure.core.util.Context;
import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.core.Backoff;
import io.github.adfkit.core.CallbackDeliveryException;
import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.core.models.CallbackResult;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The decisions of one callback delivery, apart from how it waits: after each attempt it says whether the callback
 * was delivered, must be given up, or should be tried again after a delay. Its decisions are {@link WaitStep}s,
 * which {@link WaitLoop} carries out for the synchronous and the asynchronous client alike; its delays come from
 * {@link RetrySchedule}.
 */
public final class CallbackDelivery {
    private static final ClientLogger LOGGER = new ClientLogger(CallbackDelivery.class);

    private final String redactedUri;
    private final RetrySchedule schedule;
    private final SchedulingClock clock;
    private final Instant started;
    private final Telemetry telemetry;
    private final Telemetry.Flow flow;
    private int attempts;

    /**
     * @param redactedUri the callback URI, redacted, for messages
     * @param backoff the delays between attempts when the server gives no hint
     * @param clock the clock
     * @param deadline how long to keep trying
     * @param telemetry where the delivery's span and counters go
     */
    public CallbackDelivery(String redactedUri, Backoff backoff, SchedulingClock clock, Duration deadline,
        Telemetry telemetry) {
        this.redactedUri = redactedUri;
        this.clock = clock;
        this.started = clock.now();
        this.schedule = RetrySchedule.of(backoff, clock).within(started.plus(deadline));
        this.telemetry = telemetry;
        this.flow = telemetry.start("adfkit.callback", Map.of());
    }

    /**
     * @return the delivery span's context, for the attempts' HTTP spans
     */
    public Context context() {
        return flow.context();
    }

    /**
     * Records that an attempt is about to be sent.
     */
    public void attempting() {
        attempts++;
        telemetry.count("adfkit.callback.attempts", "ADF callback attempts sent", Map.of());
    }

    /**
     * Decides after a response.
     *
     * @param statusCode the HTTP status
     * @param headers the response headers, for {@code Retry-After}
     * @return the next step
     */
    public WaitStep<CallbackResult> onResponse(int statusCode, HttpHeaders headers) {
        if (statusCode >= 200 && statusCode < 300) {
            LOGGER.atInfo().addKeyValue("uri", redactedUri).addKeyValue("status", statusCode)
                .addKeyValue("attempts", attempts).log("ADF callback delivered.");
            ended("delivered", null);
            return WaitStep.done(new CallbackResult(statusCode, attempts, Duration.between(started, clock.now()),
                redactedUri));
        }
        if (!TransientStatus.isTransient(statusCode)) {
            ended("rejected", "HTTP " + statusCode);
            return WaitStep.failed(new CallbackDeliveryException(CallbackDeliveryException.Reason.REJECTED, statusCode,
                attempts, "ADF refused the callback to " + redactedUri + " with HTTP " + statusCode + " after "
                    + attempts + " attempt(s); retrying cannot fix this. " + hint(statusCode), null));
        }
        return retryOrGiveUp(statusCode, RetryAfter.from(headers, clock.now()), null);
    }

    /**
     * Decides after an attempt that got no response (connection refused or reset, timeout).
     *
     * @param error the failure
     * @return the next step
     */
    public WaitStep<CallbackResult> onError(Throwable error) {
        return retryOrGiveUp(null, null, error);
    }

    private WaitStep<CallbackResult> retryOrGiveUp(Integer statusCode, Duration hint, Throwable error) {
        Optional<Duration> delay = schedule.next(attempts, hint);
        String what = statusCode == null ? "no response (" + error.getClass().getSimpleName() + ")"
            : "HTTP " + statusCode;
        if (delay.isEmpty()) {
            ended("deadline_exceeded", what);
            return WaitStep.failed(new CallbackDeliveryException(CallbackDeliveryException.Reason.DEADLINE_EXCEEDED,
                statusCode, attempts, "The callback to " + redactedUri + " was not delivered before its deadline ("
                    + Duration.between(started, schedule.deadline()) + "): " + attempts + " attempt(s), the last got "
                    + what + ". The ADF WebHook activity will time out; check that the factory can be reached and "
                    + "raise the deadline if the activity timeout is longer.", error));
        }
        LOGGER.atWarning().addKeyValue("uri", redactedUri).addKeyValue("attempt", attempts)
            .addKeyValue("retryIn", delay.get()).log("ADF callback got " + what + "; retrying.");
        return WaitStep.again(delay.get());
    }

    private void ended(String outcome, String error) {
        telemetry.count("adfkit.callback.deliveries", "ADF callback deliveries ended, by outcome",
            Map.of(Telemetry.OUTCOME, outcome));
        flow.end(outcome, error);
    }

    private static String hint(int statusCode) {
        return switch (statusCode) {
            case 415 -> "ADF requires 'Content-Type: application/json' on the callback.";
            case 400 -> "ADF could not read the body; it must be a JSON object.";
            case 401, 403 -> "The callBackUri's token was not accepted; it may belong to another run.";
            case 404, 410 -> "The activity is gone: it may have timed out or been called back already.";
            default -> "Check the callBackUri and the activity's state in ADF monitoring.";
        };
    }
}
