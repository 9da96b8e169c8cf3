package io.github.adfkit.durable.implementation;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpRequest;
import com.azure.core.util.logging.ClientLogger;
import io.github.adfkit.core.Backoff;
import io.github.adfkit.core.Redaction;
import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.core.implementation.Json;
import io.github.adfkit.core.implementation.RetryAfter;
import io.github.adfkit.core.implementation.RetrySchedule;
import io.github.adfkit.core.implementation.TransientStatus;
import io.github.adfkit.core.implementation.WaitStep;
import io.github.adfkit.durable.AsyncOperationException;
import io.github.adfkit.durable.AsyncOperationException.Reason;
import io.github.adfkit.durable.models.OperationRuntimeStatus;
import io.github.adfkit.durable.models.OperationStatus;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The decisions of one asynchronous operation, apart from how it sends and waits: where to poll, whether a response
 * is terminal, transient or fatal, and how long to wait before the next request. Each decision is a
 * {@link WaitStep}: done with the terminal status, failed, or again after a delay (with the status read meanwhile,
 * or {@code null} after a transient error); the delays come from a {@link RetrySchedule} capped at the operation's
 * deadline. The synchronous poller, the {@code PollerFlux} and the {@code OperationWatcher} all drive this one state
 * machine.
 *
 * <p>It holds only the URLs, a few counters and the deadline, never a response body (except, for the one request
 * that fetches the result resource, the status that said Succeeded), so that thousands can be watched at once.
 * Methods are synchronized: one operation is driven by one request at a time.</p>
 */
public final class OperationPolling {
    private static final ClientLogger LOGGER = new ClientLogger(OperationPolling.class);
    private static final HttpHeaderName OPERATION_LOCATION = HttpHeaderName.fromString("Operation-Location");
    private static final HttpHeaderName AZURE_ASYNC_OPERATION = HttpHeaderName.fromString("Azure-AsyncOperation");
    private static final String CANCEL_REASON = URLEncoder.encode("Canceled by the caller", StandardCharsets.UTF_8);

    private final Backoff backoff;
    private final SchedulingClock clock;
    private final Duration timeout;
    private final boolean repeatAmbiguousStart;
    /** The delays and the deadline, from the first decision on. */
    private RetrySchedule schedule;
    /** Whether the start request is still to be sent (again), rather than the status URL polled. */
    private boolean starting;
    private String statusUrl;
    /** The URL of the PUT or PATCH that started the operation: its result when the monitor holds none. */
    private String finalGetUrl;
    /** While the result resource is fetched: its URL, and the status that said Succeeded. */
    private String resourceUrl;
    private OperationStatus succeeded;
    private String cancelUrl;
    private HttpMethod cancelMethod = HttpMethod.DELETE;
    private int starts;
    private int polls;
    private int failures;
    private OperationRuntimeStatus lastState;
    private Duration nextDelay = Duration.ZERO;

    private OperationPolling(Backoff backoff, SchedulingClock clock, Duration timeout, boolean repeatAmbiguousStart,
        String statusUrl) {
        this.backoff = backoff;
        this.clock = clock;
        this.timeout = timeout;
        this.repeatAmbiguousStart = repeatAmbiguousStart;
        this.statusUrl = statusUrl;
        this.starting = statusUrl == null;
    }

    /**
     * @param backoff the delays when the server gives no {@code Retry-After}
     * @param clock the clock
     * @param timeout the longest wait, from the first request
     * @param repeatAmbiguousStart whether a start without a definite answer is sent again (with the same key)
     * @return the state of an operation that is about to be started
     */
    public static OperationPolling forStart(Backoff backoff, SchedulingClock clock, Duration timeout,
        boolean repeatAmbiguousStart) {
        return new OperationPolling(backoff, clock, timeout, repeatAmbiguousStart, null);
    }

    /**
     * @param statusUrl the absolute status URL of a running operation
     * @param backoff the delays when the server gives no {@code Retry-After}
     * @param clock the clock
     * @param timeout the longest wait, from the first poll
     * @return the state of an operation that is polled without starting it
     */
    public static OperationPolling forStatusUrl(String statusUrl, Backoff backoff, SchedulingClock clock,
        Duration timeout) {
        return new OperationPolling(backoff, clock, timeout, false, Urls.checkAbsolute(statusUrl, "statusUrl"));
    }

    /**
     * Decides after the start request's response.
     *
     * @param request the start request
     * @param code the HTTP status
     * @param headers the response headers
     * @param body the response body, possibly empty
     * @return done when the operation finished at once; again with the first status when it must be polled; again
     *     without a status, the start still to be sent, when the answer was not definite (throttled, or 408 and 5xx
     *     when ambiguous starts are repeated); otherwise failed
     */
    public synchronized WaitStep<OperationStatus> onStartResponse(HttpRequest request, int code, HttpHeaders headers,
        byte[] body) {
        starts++;
        String requestUrl = request.getUrl().toString();
        String what = request.getHttpMethod() + " " + Redaction.url(requestUrl);
        if (code == 429 || (repeatAmbiguousStart && isAmbiguous(code))) {
            return retry(RetryAfter.from(headers, clock.now()), starts, "The start request " + what
                + " got HTTP " + code + " (it is sent again with the same Idempotency-Key)");
        }
        starting = false;
        JsonBody json = JsonBody.parse(body);
        if (code < 200 || code > 299) {
            return WaitStep.failed(refusedStart(what, requestUrl, code, json, body));
        }
        if (HttpMethod.PUT.equals(request.getHttpMethod()) || HttpMethod.PATCH.equals(request.getHttpMethod())) {
            finalGetUrl = requestUrl;
        }
        String link = firstNonNull(headers.getValue(OPERATION_LOCATION), headers.getValue(AZURE_ASYNC_OPERATION),
            json.text("statusQueryGetUri"), json.text("statusUri"),
            code == 202 ? headers.getValue(HttpHeaderName.LOCATION) : null);
        if (link == null) {
            return finishedAtOnce(what, requestUrl, code, json, body);
        }
        try {
            statusUrl = Urls.resolve(requestUrl, link);
            String terminate = json.text("terminatePostUri");
            if (terminate != null) {
                cancelUrl = Urls.resolve(requestUrl, terminate.replace("{text}", CANCEL_REASON));
                cancelMethod = HttpMethod.POST;
            }
        } catch (IllegalArgumentException badLink) {
            return WaitStep.failed(new AsyncOperationException(Reason.MALFORMED_RESPONSE, code, null,
                "The start request " + what + " answered with an unusable status URL. " + badLink.getMessage(),
                badLink));
        }
        OperationRuntimeStatus state = json.status();
        lastState = state == null || state.isTerminal() ? OperationRuntimeStatus.RUNNING : state;
        LOGGER.atVerbose().addKeyValue("statusUrl", Redaction.url(statusUrl)).log("Operation started.");
        return again(new OperationStatus(lastState, code, statusUrl, Json.toBinary(json.node())),
            schedule().next(1, RetryAfter.from(headers, clock.now())));
    }

    /**
     * Decides after the start request got no response.
     *
     * @param request the start request
     * @param error the failure
     * @return again, the start still to be sent, when ambiguous starts are repeated (the same key goes with it),
     *     otherwise failed
     */
    public synchronized WaitStep<OperationStatus> onStartError(HttpRequest request, Throwable error) {
        starts++;
        String what = "The start request " + request.getHttpMethod() + " " + Redaction.url(request.getUrl().toString())
            + " got no response (" + Redaction.text(String.valueOf(error)) + ")";
        if (repeatAmbiguousStart) {
            return retry(null, starts, what + " (it is sent again with the same Idempotency-Key)");
        }
        return WaitStep.failed(new AsyncOperationException(Reason.NO_RESPONSE, null, null, what + ". The operation "
            + "may or may not have started; repeating an ambiguous start is turned off, so adfkit does not send it "
            + "again.", error));
    }

    /**
     * Decides after a poll's response.
     *
     * @param code the HTTP status
     * @param headers the response headers
     * @param body the response body, possibly empty
     * @return the next step
     */
    public synchronized WaitStep<OperationStatus> onPollResponse(int code, HttpHeaders headers, byte[] body) {
        polls++;
        if (resourceUrl != null) {
            return onResourceResponse(code, headers, body);
        }
        if (code == 404) {
            return WaitStep.failed(new AsyncOperationException(Reason.NOT_FOUND, code, null, "Operation not found: "
                + Redaction.url(statusUrl) + " answered HTTP 404. The operation never existed, was purged, or the "
                + "URL or its key is wrong.", null));
        }
        JsonBody json = JsonBody.parse(body);
        OperationRuntimeStatus state = json.status();
        Duration hint = RetryAfter.from(headers, clock.now());
        if (TransientStatus.isTransient(code) && (state == null || !state.isTerminal())) {
            return retry(hint, "HTTP " + code);
        }
        failures = 0;
        if (state == null) {
            if (code == 202) {
                state = OperationRuntimeStatus.RUNNING;
            } else if ((code == 302 || code == 303) && headers.getValue(HttpHeaderName.LOCATION) != null) {
                return follow(code, headers.getValue(HttpHeaderName.LOCATION));
            } else if (code < 200 || code > 299) {
                return WaitStep.failed(new AsyncOperationException(Reason.REJECTED, code, null, "The status endpoint "
                    + Redaction.url(statusUrl) + " answered HTTP " + code + ": " + excerpt(body)
                    + ". Check the URL and its key.", null));
            } else if (json.malformed()) {
                return WaitStep.failed(new AsyncOperationException(Reason.MALFORMED_RESPONSE, code, null,
                    "The status endpoint " + Redaction.url(statusUrl) + " answered HTTP " + code
                        + " with a body that is not JSON: " + excerpt(body), null));
            } else {
                state = OperationRuntimeStatus.SUCCEEDED;
            }
        }
        lastState = state;
        OperationStatus status = new OperationStatus(state, code, statusUrl, Json.toBinary(json.node()));
        if (state.isTerminal()) {
            LOGGER.atVerbose().addKeyValue("statusUrl", Redaction.url(statusUrl)).addKeyValue("status", state)
                .addKeyValue("polls", polls).log("Operation finished.");
            return state.isSuccess() ? fetchResourceOrDone(status, json) : WaitStep.done(status);
        }
        String moved = firstNonNull(headers.getValue(OPERATION_LOCATION), headers.getValue(AZURE_ASYNC_OPERATION),
            headers.getValue(HttpHeaderName.LOCATION));
        if (moved != null) {
            try {
                statusUrl = Urls.resolve(statusUrl, moved);
            } catch (IllegalArgumentException badLink) {
                LOGGER.atWarning().addKeyValue("statusUrl", Redaction.url(statusUrl))
                    .log("Ignoring an unusable Location on a status response: " + badLink.getMessage());
            }
        }
        return again(status, schedule().next(polls, hint));
    }

    /**
     * Decides after a poll got no response (connection refused or reset, timeout): retried like a 5xx. Transient
     * failures back off by how many came in a row, not by how many polls were sent.
     *
     * @param error the failure
     * @return the next step
     */
    public synchronized WaitStep<OperationStatus> onPollError(Throwable error) {
        polls++;
        return retry(null, "no response (" + Redaction.text(String.valueOf(error)) + ")");
    }

    /**
     * Ends the loop that sends the start request once the start got a definite answer.
     *
     * @param step the decision after an attempt of the start
     * @return again (after the step's delay) while the start is to be sent again; otherwise done with {@code step},
     *     the operation's first decision (its first status, its result, or why it failed)
     */
    public synchronized WaitStep<WaitStep<OperationStatus>> untilStarted(WaitStep<OperationStatus> step) {
        return starting && !step.isOver() ? WaitStep.again(step.delay()) : WaitStep.done(step);
    }

    /**
     * @return the GET request for the next poll
     */
    public synchronized HttpRequest pollRequest() {
        return new HttpRequest(HttpMethod.GET, resourceUrl != null ? resourceUrl : statusUrl)
            .setHeader(HttpHeaderName.ACCEPT, "application/json");
    }

    /**
     * @return the request that cancels the operation: a POST to the Durable {@code terminatePostUri} when the start
     *     response had one, otherwise a DELETE on the status URL
     * @throws IllegalStateException if the operation has no status URL yet
     */
    public synchronized HttpRequest cancelRequest() {
        if (statusUrl == null) {
            throw LOGGER.logExceptionAsError(new IllegalStateException("The operation has not started; nothing to "
                + "cancel."));
        }
        return new HttpRequest(cancelMethod, cancelUrl != null ? cancelUrl : statusUrl)
            .setHeader(HttpHeaderName.CONTENT_LENGTH, "0");
    }

    /**
     * Checks the response to a cancel request.
     *
     * @param request the cancel request
     * @param code the HTTP status
     * @param body the response body
     * @throws AsyncOperationException if the server refused; 404, 409 and 410 (gone, or already finished) are
     *     accepted: the operation's own final status decides
     */
    public void onCancelResponse(HttpRequest request, int code, byte[] body) {
        if ((code < 200 || code > 299) && code != 404 && code != 409 && code != 410) {
            throw LOGGER.logExceptionAsError(new AsyncOperationException(Reason.REJECTED, code, null, "Cancelling "
                + "with " + request.getHttpMethod() + " " + Redaction.url(request.getUrl().toString()) + " was refused "
                + "with HTTP " + code + ": " + excerpt(body) + ".", null));
        }
        LOGGER.atInfo().addKeyValue("statusUrl", Redaction.url(statusUrl)).addKeyValue("status", code)
            .log("Cancel request accepted.");
    }

    /**
     * @return how long to wait before the next request
     */
    public synchronized Duration nextDelay() {
        return nextDelay;
    }

    /**
     * @return the current status URL, or {@code null} before the operation started
     */
    public synchronized String statusUrl() {
        return statusUrl;
    }

    /**
     * After a status monitor said Succeeded: done, unless the result is a resource to fetch first. The Microsoft REST
     * API guidelines' "target resource location" ({@code resourceLocation}) names it; a monitor of a PUT or PATCH
     * holds no {@code result}, and the resource is at the URL that started the operation (what azure-core's
     * {@code OperationResourcePollingStrategy} reads too).
     */
    private WaitStep<OperationStatus> fetchResourceOrDone(OperationStatus status, JsonBody json) {
        boolean monitor = json.text("runtimeStatus") == null && json.text("status") != null;
        String location = monitor ? json.text("resourceLocation") : null;
        String resource = null;
        try {
            resource = location != null ? Urls.resolve(statusUrl, location)
                : json.isMonitorWithoutResult() ? finalGetUrl : null;
        } catch (IllegalArgumentException badLink) {
            return WaitStep.failed(new AsyncOperationException(Reason.MALFORMED_RESPONSE, status.getHttpStatusCode(),
                status, "The operation at " + Redaction.url(statusUrl) + " succeeded with an unusable "
                    + "resourceLocation. " + badLink.getMessage(), badLink));
        }
        if (resource == null) {
            return WaitStep.done(status);
        }
        resourceUrl = resource;
        succeeded = status;
        nextDelay = Duration.ZERO;
        return WaitStep.again(Duration.ZERO);
    }

    /**
     * After the GET of the result resource: done with it, retried when transient (or 202, not ready yet), otherwise a
     * failure that says the operation succeeded but its result could not be read.
     */
    private WaitStep<OperationStatus> onResourceResponse(int code, HttpHeaders headers, byte[] body) {
        if (TransientStatus.isTransient(code) || code == 202) {
            failures++;
            return retry(RetryAfter.from(headers, clock.now()), failures, "Reading the result "
                + Redaction.url(resourceUrl) + " got HTTP " + code);
        }
        String problem = "The operation at " + Redaction.url(statusUrl) + " succeeded, but its result "
            + Redaction.url(resourceUrl) + " answered HTTP " + code;
        if (code < 200 || code > 299) {
            return WaitStep.failed(new AsyncOperationException(code == 404 ? Reason.NOT_FOUND : Reason.REJECTED, code,
                succeeded, problem + ": " + excerpt(body), null));
        }
        JsonBody json = JsonBody.parse(body);
        if (json.malformed()) {
            return WaitStep.failed(new AsyncOperationException(Reason.MALFORMED_RESPONSE, code, succeeded, problem
                + " with a body that is not JSON: " + excerpt(body), null));
        }
        return WaitStep.done(succeeded.withResource(resourceUrl, Json.toBinary(json.node())));
    }

    private AsyncOperationException refusedStart(String what, String requestUrl, int code, JsonBody json,
        byte[] body) {
        String outcome;
        OperationStatus refusal = null;
        if (code == 409) {
            refusal = new OperationStatus(OperationRuntimeStatus.CONFLICT, code, requestUrl, Json.toBinary(json.node()));
            outcome = "Another operation holds what this one needs, or its Idempotency-Key was used for a different "
                + "request; runWithResubmit starts it again later.";
        } else if (code >= 500) {
            outcome = repeatAmbiguousStart ? "The server cannot process this request."
                : "The operation may or may not have started; repeating an ambiguous start is turned off, so adfkit "
                    + "does not send it again.";
        } else {
            outcome = "Check the URL, its key and the request body.";
        }
        return new AsyncOperationException(Reason.REJECTED, code, refusal, "The start request " + what
            + " was refused with HTTP " + code + ": " + excerpt(body) + ". " + outcome, null);
    }

    private WaitStep<OperationStatus> finishedAtOnce(String what, String requestUrl, int code, JsonBody json,
        byte[] body) {
        OperationRuntimeStatus state = json.status();
        if (json.malformed() || code == 202 || (state != null && !state.isTerminal())) {
            return WaitStep.failed(new AsyncOperationException(Reason.MALFORMED_RESPONSE, code, null, "The start "
                + "request " + what + " answered HTTP " + code + " but named no status URL to poll (no "
                + "Operation-Location, Azure-AsyncOperation or Location header, no statusQueryGetUri or statusUri in "
                + "the body) and no final result: " + excerpt(body), null));
        }
        statusUrl = requestUrl;
        lastState = state != null ? state : OperationRuntimeStatus.SUCCEEDED;
        return WaitStep.done(new OperationStatus(lastState, code, requestUrl, Json.toBinary(json.node())));
    }

    private WaitStep<OperationStatus> follow(int code, String location) {
        try {
            statusUrl = Urls.resolve(statusUrl, location);
        } catch (IllegalArgumentException badLink) {
            return WaitStep.failed(new AsyncOperationException(Reason.MALFORMED_RESPONSE, code, null,
                badLink.getMessage(), badLink));
        }
        return again(null, schedule().isPastDeadline() ? Optional.empty() : Optional.of(Duration.ZERO));
    }

    private WaitStep<OperationStatus> retry(Duration hint, String what) {
        failures++;
        return retry(hint, failures, "Polling " + Redaction.url(statusUrl) + " got " + what);
    }

    private WaitStep<OperationStatus> retry(Duration hint, int attempt, String what) {
        WaitStep<OperationStatus> step = again(null, schedule().next(attempt, hint));
        if (!step.isOver()) {
            LOGGER.atWarning().addKeyValue("attempt", attempt).addKeyValue("retryIn", step.delay())
                .log(what + "; retrying.");
        }
        return step;
    }

    /**
     * @param status the status read, or {@code null}
     * @param delay the wait before the next request, or empty when the deadline leaves none
     * @return again after {@code delay}, or failed because the deadline has passed
     */
    private WaitStep<OperationStatus> again(OperationStatus status, Optional<Duration> delay) {
        if (delay.isEmpty()) {
            return WaitStep.failed(outOfTime(status));
        }
        nextDelay = delay.get();
        return WaitStep.again(status, nextDelay);
    }

    private AsyncOperationException outOfTime(OperationStatus status) {
        if (starting) {
            return new AsyncOperationException(Reason.NO_RESPONSE, null, null, "The start request got no definite "
                + "answer within " + timeout + " (" + starts + " attempt(s)). The operation may or may not have "
                + "started: start it again with the same Idempotency-Key to find out.", null);
        }
        return new AsyncOperationException(Reason.TIMED_OUT, null, status, "The operation at "
            + Redaction.url(statusUrl) + " did not finish within " + timeout + " (last status "
            + (lastState == null ? "unknown" : lastState) + " after " + polls + " poll(s)). It may still be "
            + "running: poll its status URL again to keep waiting, or cancel it.", null);
    }

    /**
     * @return the schedule of the delays, its deadline the operation's timeout after the first decision
     */
    private RetrySchedule schedule() {
        if (schedule == null) {
            schedule = RetrySchedule.of(backoff, clock).cappedAt(clock.now().plus(timeout));
        }
        return schedule;
    }

    /**
     * @return whether a start answered {@code code} may or may not have been acted on: 408 and the 5xx codes other
     *     than 501 (Not Implemented) and 505 (HTTP Version Not Supported), which refuse for good
     */
    private static boolean isAmbiguous(int code) {
        return code == 408 || (code >= 500 && code != 501 && code != 505);
    }

    private static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static String excerpt(byte[] body) {
        if (body == null || body.length == 0) {
            return "(empty body)";
        }
        String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
        return Redaction.text(text) + (body.length > 300 ? "..." : "");
    }
}
