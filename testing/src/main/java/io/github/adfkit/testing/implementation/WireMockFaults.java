package io.github.adfkit.testing.implementation;

import com.azure.core.util.logging.ClientLogger;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.Extension;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.StubRequestFilterV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.adfkit.testing.faults.FaultAction;
import io.github.adfkit.testing.faults.FaultKind;
import io.github.adfkit.testing.faults.FaultMix;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Random faults for a WireMock fake, from a {@link FaultMix}: a request filter that decides per request, and a
 * response transformer that holds back the answers of requests chosen to be slow.
 *
 * <ul>
 *   <li>{@link FaultKind#STATUS}: the filter answers with the status and an Azure-style JSON error body; the fake's
 *       stubs never see the request.</li>
 *   <li>{@link FaultKind#RESET_BEFORE}: the filter answers with WireMock's {@code CONNECTION_RESET_BY_PEER}. The reset
 *       happens <em>before</em> the fake acted: nothing was created, recorded or changed. For a reset <em>after</em>
 *       the fake acted (a write applied, its answer lost), put a {@code FaultProxy} with
 *       {@link FaultKind#RESET_AFTER} in front of the fake.</li>
 *   <li>{@link FaultKind#SLOW}: the request goes on to the fake, which acts at once; the transformer adds the delay
 *       to the answer's initial delay, so a client with a shorter read timeout gives up although the fake acted.</li>
 * </ul>
 * Register both {@link #filter(String)} (or call {@link #decide(Request, ServeEvent)} from another filter) and
 * {@link #delayTransformer()} with the server.
 */
public final class WireMockFaults {
    private static final ClientLogger LOGGER = new ClientLogger(WireMockFaults.class);
    private static final Set<FaultKind> SUPPORTED =
        EnumSet.of(FaultKind.STATUS, FaultKind.RESET_BEFORE, FaultKind.SLOW);

    private final FaultInjector injector = new FaultInjector();
    private final Map<UUID, Duration> slowAnswers = new ConcurrentHashMap<>();
    private final String message;

    /**
     * Creates the faults of one fake.
     *
     * @param message the error message of injected statuses, naming the fake
     */
    public WireMockFaults(String message) {
        this.message = message;
    }

    /**
     * Starts injecting faults.
     *
     * @param seed the random seed
     * @param mix the rate and kinds of fault
     * @throws IllegalArgumentException if the mix names no kind, or one a WireMock fake cannot inject
     */
    public void configure(long seed, FaultMix mix) {
        if (mix.kinds().isEmpty() || !SUPPORTED.containsAll(mix.kinds())) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException("A WireMock fake injects " + SUPPORTED
                + " faults; put a FaultProxy in front of it for the others. The mix was " + mix));
        }
        injector.configure(seed, mix);
    }

    /**
     * Stops injecting faults.
     */
    public void clear() {
        injector.clear();
    }

    /**
     * How many faults were injected.
     *
     * @return the count, across configurations
     */
    public int injectedCount() {
        return injector.injectedCount();
    }

    /**
     * Decides the fate of one request.
     *
     * @param request the request
     * @param serveEvent its serve event, whose id marks a slow answer for the transformer
     * @return continue (possibly slowly) or stop with the injected answer
     */
    public RequestFilterAction decide(Request request, ServeEvent serveEvent) {
        FaultAction fault = injector.next().orElse(null);
        if (fault == null) {
            return RequestFilterAction.continueWith(request);
        }
        return switch (fault.kind()) {
            case STATUS -> RequestFilterAction.stopWith(
                JsonErrorResponses.error(fault.status(), message, fault.retryAfter()));
            case RESET_BEFORE -> RequestFilterAction.stopWith(
                ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build());
            case SLOW -> {
                slowAnswers.put(serveEvent.getId(), fault.delay());
                yield RequestFilterAction.continueWith(request);
            }
            default -> throw new IllegalStateException("Unsupported fault " + fault);
        };
    }

    /**
     * A stub request filter that applies {@link #decide(Request, ServeEvent)} to every request.
     *
     * @param name the filter's name, unique within its server
     * @return the filter
     */
    public Extension filter(String name) {
        return new StubRequestFilterV2() {
            @Override
            public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
                return decide(request, serveEvent);
            }

            @Override
            public String getName() {
                return name;
            }
        };
    }

    /**
     * The global response transformer that delays the answers {@link #decide(Request, ServeEvent)} chose to be slow.
     *
     * @return the transformer
     */
    public Extension delayTransformer() {
        return new ResponseTransformerV2() {
            @Override
            public Response transform(Response response, ServeEvent serveEvent) {
                Duration delay = slowAnswers.remove(serveEvent.getId());
                return delay == null ? response
                    : Response.Builder.like(response).incrementInitialDelay(delay.toMillis()).build();
            }

            @Override
            public String getName() {
                return "adfkit-slow-answers";
            }
        };
    }
}
