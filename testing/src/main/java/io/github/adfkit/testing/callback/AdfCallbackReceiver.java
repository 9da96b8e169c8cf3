package io.github.adfkit.testing.callback;

import com.azure.core.util.logging.ClientLogger;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.github.adfkit.testing.implementation.CallbackJournal;
import io.github.adfkit.testing.implementation.CallbackResponder;
import io.github.adfkit.testing.faults.FaultKind;
import io.github.adfkit.testing.faults.FaultMix;
import io.github.adfkit.testing.implementation.CallbackScript;
import io.github.adfkit.testing.implementation.FakeArguments;
import io.github.adfkit.testing.implementation.LoopbackWireMock;
import io.github.adfkit.testing.implementation.WireMockFaults;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A fake of the endpoint behind an ADF WebHook activity's {@code callBackUri}, on a free loopback port.
 *
 * <p>It accepts {@code POST /callback/{id}} and answers like ADF: 200 when the body is JSON sent as
 * {@code application/json} (parameters such as {@code ; charset=utf-8} allowed), 415 for any other content type,
 * 400 for a body that is not JSON, and 403 when the {@code code} query parameter differs from the one
 * {@link #callbackUri(String)} issued for that id. A test can script failures before success
 * ({@link #failNext(int, int, Duration)}), a permanent answer ({@link #respondWith(int)}), or a random mix of
 * statuses, connection resets and slow answers ({@link #injectFaults(long, FaultMix)}). Every attempt that reaches
 * the endpoint is recorded.</p>
 *
 * <pre>{@code
 * try (AdfCallbackReceiver adf = new AdfCallbackReceiver().start()) {
 *     String uri = adf.callbackUri("job-1");
 *     adf.failNext(3, 503, Duration.ofSeconds(1));
 *     ... // the code under test calls back
 *     ReceivedCallback callback = adf.awaitCallbacks(1, Duration.ofSeconds(10)).get(0);
 *     assertEquals("200", callback.body().get("StatusCode").asText());
 * }
 * }</pre>
 */
public final class AdfCallbackReceiver implements AutoCloseable {
    private static final ClientLogger LOGGER = new ClientLogger(AdfCallbackReceiver.class);
    private static final String ID_CHARACTERS = "[A-Za-z0-9._~-]+";
    private static final Pattern VALID_ID = Pattern.compile(ID_CHARACTERS);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CallbackJournal journal = new CallbackJournal();
    private final CallbackScript script = new CallbackScript();
    private final WireMockFaults faults = new WireMockFaults("Fault injected by the adfkit callback receiver.");
    private final Map<String, String> issuedCodes = new ConcurrentHashMap<>();
    private final WireMockServer server;

    /**
     * Creates the receiver. Call {@link #start()} before use.
     */
    public AdfCallbackReceiver() {
        this.server = LoopbackWireMock.create(AdfCallbackReceiver.class,
            faults.filter("adfkit-callback-faults"), faults.delayTransformer(),
            new CallbackResponder(journal, script, issuedCodes::get));
        server.stubFor(WireMock.post(WireMock.urlPathMatching("/callback/" + ID_CHARACTERS))
            .willReturn(WireMock.ok().withTransformers(CallbackResponder.NAME)));
    }

    /**
     * Starts the server on a free loopback port. Does nothing if it is running.
     *
     * @return this receiver
     */
    public AdfCallbackReceiver start() {
        LoopbackWireMock.startIfStopped(server);
        return this;
    }

    /**
     * Stops the server. Does nothing if it is not running.
     */
    public void stop() {
        LoopbackWireMock.stopIfRunning(server);
    }

    /**
     * Stops the server.
     */
    @Override
    public void close() {
        stop();
    }

    /**
     * The server's base URL.
     *
     * @return for example {@code http://127.0.0.1:51234}, without a trailing slash
     * @throws IllegalStateException if the receiver has not been started
     */
    public String baseUrl() {
        return LoopbackWireMock.runningBaseUrl(server, "AdfCallbackReceiver", LOGGER);
    }

    /**
     * The callback URI for an id, as ADF would pass it in {@code callBackUri}: absolute, with a secret-looking
     * {@code code} query parameter that a test can look for in logs ({@link #callbackCode(String)}). Asking again
     * for the same id returns the same URI.
     *
     * @param id the callback id: letters, digits, {@code .}, {@code _}, {@code ~} or {@code -}
     * @return for example {@code http://127.0.0.1:51234/callback/job-1?callbackid=job-1&code=Zx8...}
     * @throws IllegalArgumentException if the id has other characters
     * @throws IllegalStateException if the receiver has not been started
     */
    public String callbackUri(String id) {
        return baseUrl() + "/callback/" + id + "?callbackid=" + id + "&code=" + callbackCode(id);
    }

    /**
     * The secret {@code code} in the callback URI of an id, issued on first request.
     *
     * @param id the callback id
     * @return the code (43 URL-safe characters)
     * @throws IllegalArgumentException if the id is not valid
     */
    public String callbackCode(String id) {
        if (id == null || !VALID_ID.matcher(id).matches()) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException("Callback id '" + id
                + "' must be letters, digits, '.', '_', '~' or '-'."));
        }
        return issuedCodes.computeIfAbsent(id, ignored -> newCode());
    }

    /**
     * Answers the next {@code times} callbacks with {@code status}, before answering normally again. Calls queue up.
     *
     * @param times how many callbacks to fail
     * @param status the status, for example 503
     */
    public void failNext(int times, int status) {
        failNext(times, status, null);
    }

    /**
     * Answers the next {@code times} callbacks with {@code status} and a {@code Retry-After} header (whole seconds,
     * rounded up), before answering normally again. Calls queue up.
     *
     * @param times how many callbacks to fail
     * @param status the status, for example 429
     * @param retryAfter the delay to advertise, or null for no header
     * @throws IllegalArgumentException if times is negative or the status is not 100..599
     */
    public void failNext(int times, int status, Duration retryAfter) {
        script.failNext(FakeArguments.times(times, LOGGER), checkedStatus(status), retryAfter);
    }

    /**
     * Makes a random fraction of callbacks fail with a mix of statuses, connection resets and slow answers, chosen
     * with {@link FaultMix#DEFAULT_SEED}.
     *
     * @param mix the rate and the kinds of fault
     * @throws IllegalArgumentException if the mix names no kind of fault, or {@link FaultKind#RESET_AFTER} or
     *     {@link FaultKind#STALL}
     * @see #injectFaults(long, FaultMix)
     */
    public void injectFaults(FaultMix mix) {
        injectFaults(FaultMix.DEFAULT_SEED, mix);
    }

    /**
     * Makes a random fraction of callbacks fail with a mix of statuses, connection resets and slow answers; the same
     * seed and the same order of callbacks give the same faults. These faults come before scripted failures.
     *
     * <p>A status or a reset stops the callback before the receiver acted: it is neither accepted nor recorded in
     * {@link #attempts()} (count it with {@link #injectedFaultCount()}). A slow answer is accepted and recorded at
     * once and answered after the delay, so a sender with a shorter timeout fails although its callback was
     * accepted. For "accepted, then the answer was lost", put a {@link io.github.adfkit.testing.faults.FaultProxy}
     * with {@link FaultKind#RESET_AFTER} in front of the receiver and hand out its URL.</p>
     *
     * @param seed the random seed
     * @param mix the rate and the kinds of fault
     * @throws IllegalArgumentException if the mix names no kind of fault, or {@link FaultKind#RESET_AFTER} or
     *     {@link FaultKind#STALL}
     */
    public void injectFaults(long seed, FaultMix mix) {
        faults.configure(seed, Objects.requireNonNull(mix, "'mix' cannot be null."));
    }

    /**
     * Stops the random faults of {@link #injectFaults(long, FaultMix)}.
     */
    public void clearFaults() {
        faults.clear();
    }

    /**
     * How many random faults were injected.
     *
     * @return the count since the receiver was created
     */
    public int injectedFaultCount() {
        return faults.injectedCount();
    }

    /**
     * Answers every callback with {@code status} from now on (a permanent failure such as 400), until
     * {@link #respondNormally()} or {@link #reset()}.
     *
     * @param status the status
     * @throws IllegalArgumentException if the status is not 100..599
     */
    public void respondWith(int status) {
        script.respondWith(checkedStatus(status));
    }

    /**
     * Drops the scripted failures: callbacks are answered by the normal rules again.
     */
    public void respondNormally() {
        script.clear();
    }

    /**
     * Waits until at least {@code count} callbacks were accepted.
     *
     * @param count how many accepted callbacks to wait for
     * @param timeout the longest wait
     * @return the accepted callbacks, oldest first (at least {@code count})
     * @throws AssertionError if fewer were accepted in time; the message lists every attempt's id and status
     */
    public List<ReceivedCallback> awaitCallbacks(int count, Duration timeout) {
        return journal.awaitAccepted(count, timeout);
    }

    /**
     * The accepted (2xx) callbacks, oldest first.
     *
     * @return the callbacks
     */
    public List<ReceivedCallback> callbacks() {
        return journal.accepted();
    }

    /**
     * The accepted callbacks for one id, oldest first.
     *
     * @param id the callback id
     * @return the callbacks
     */
    public List<ReceivedCallback> callbacksFor(String id) {
        return journal.accepted().stream().filter(c -> c.id().equals(id)).collect(Collectors.toUnmodifiableList());
    }

    /**
     * Every callback attempt, accepted or refused, oldest first.
     *
     * @return the attempts; {@code attempts().size()} counts them
     */
    public List<ReceivedCallback> attempts() {
        return journal.attempts();
    }

    /**
     * Forgets recorded attempts, scripted failures and random faults. Issued callback URIs stay valid.
     */
    public void reset() {
        script.clear();
        faults.clear();
        journal.clear();
        server.resetRequests();
    }

    private static int checkedStatus(int status) {
        if (status < 100 || status > 599) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException(
                "status must be between 100 and 599, was " + status));
        }
        return status;
    }

    private static String newCode() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
