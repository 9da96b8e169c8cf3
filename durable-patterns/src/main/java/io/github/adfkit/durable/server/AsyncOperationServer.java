package io.github.adfkit.durable.server;

import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.core.host.HostHandler;
import io.github.adfkit.core.host.HostRequest;
import io.github.adfkit.core.host.HostResponse;
import io.github.adfkit.core.implementation.ConditionalRows;
import io.github.adfkit.core.implementation.Telemetry;
import io.github.adfkit.durable.server.implementation.EndpointSettings;
import io.github.adfkit.durable.server.implementation.KindDefinition;
import io.github.adfkit.durable.server.implementation.OperationEndpoints;
import io.github.adfkit.durable.server.implementation.OperationSupervisor;
import io.github.adfkit.durable.server.implementation.SupervisorSettings;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * The server side of the asynchronous request-reply pattern, as a framework-neutral {@link HostHandler}: plug it
 * into the JDK HTTP server with {@link io.github.adfkit.core.host.JdkHttpServerAdapter} or into an Azure Functions
 * app with {@link io.github.adfkit.core.host.AzureFunctionsAdapter}. Built by {@link AsyncOperationServerBuilder}.
 *
 * <table>
 *   <caption>Endpoints</caption>
 *   <tr><th>Request</th><th>Answer</th></tr>
 *   <tr><td>{@code POST {prefix}/submit/{kind}}</td><td>202 with {@code Location} (the status URL),
 *   {@code Operation-Location} (the status monitor), {@code Retry-After} and {@code {"id", "statusUri"}}; 400
 *   {@code {"error"}} for invalid parameters (nothing stored). An {@code Idempotency-Key} (or {@code Operation-Id})
 *   header returns the operation that key started before with the same input; with another input it is refused
 *   with 422.</td></tr>
 *   <tr><td>{@code GET {prefix}/status/{id}}</td><td>{@code {"id", "status", "result", "error"}} (and
 *   {@code "customStatus"} once the work published progress): 202 with {@code Location} and {@code Retry-After}
 *   while Pending or Running, 200 with {@code Location} on the result once Completed, 409 once Failed, Canceled,
 *   Terminated or Conflict (200 for every status in the seed's mode,
 *   {@link AsyncOperationServerBuilder#acceptedWhileRunning(boolean)}); 404 for an unknown id.</td></tr>
 *   <tr><td>{@code GET {prefix}/status/{id}/result}</td><td>the result alone once Completed; 202 while
 *   running; 409 {@code {"error"}} if it ended without one.</td></tr>
 *   <tr><td>{@code GET {prefix}/status/{id}/monitor}</td><td>the Azure REST API guidelines' status monitor:
 *   200 with {@code {"id", "status"}} (NotStarted, Running, Succeeded, Failed, Canceled), {@code "error": {"code",
 *   "message"}} once failed, {@code "result"} and {@code "resourceLocation"} once succeeded.</td></tr>
 *   <tr><td>{@code DELETE {prefix}/status/{id}}</td><td>cancels: 200 with the Canceled status; 409 if the
 *   operation had already finished.</td></tr>
 * </table>
 *
 * <p>The work runs on the server's executor, never on the HTTP thread. Close the server when the host stops: the
 * operations it runs end as Terminated.</p>
 */
public final class AsyncOperationServer implements HostHandler, AutoCloseable {
    private final OperationSupervisor supervisor;
    private final OperationEndpoints endpoints;
    private final List<ExecutorService> ownedExecutors;

    AsyncOperationServer(ConditionalRows records, Map<String, KindDefinition> kinds, ExecutorService executor,
        SchedulingClock clock, SupervisorSettings supervisorSettings, EndpointSettings endpointSettings,
        List<ExecutorService> ownedExecutors) {
        this.supervisor = new OperationSupervisor(records, kinds, executor, clock, supervisorSettings);
        this.endpoints = new OperationEndpoints(supervisor, kinds, endpointSettings);
        this.ownedExecutors = List.copyOf(ownedExecutors);
    }

    AsyncOperationServer telemetry(Telemetry telemetry) {
        supervisor.telemetry(telemetry);
        return this;
    }

    /**
     * Answers a submit, status or cancel request; any other path is a 404.
     *
     * @param request the request
     * @return the response
     */
    @Override
    public HostResponse handle(HostRequest request) {
        return endpoints.handle(request);
    }

    /**
     * Stops the server: the operations it runs or queues end as Terminated and their work is interrupted, its lease
     * renewals stop, and the executor and scheduler it created by default are shut down (an executor or clock you
     * supplied is left running).
     */
    @Override
    public void close() {
        supervisor.close();
        ownedExecutors.forEach(ExecutorService::shutdown);
    }
}
