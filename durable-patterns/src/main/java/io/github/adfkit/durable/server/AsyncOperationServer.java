package io.github.adfkit.durable.server;

import io.github.adfkit.core.SchedulingClock;
import io.github.adfkit.core.host.HostHandler;
import io.github.adfkit.core.host.HostRequest;
import io.github.adfkit.core.host.HostResponse;
import io.github.adfkit.durable.server.implementation.EndpointSettings;
import io.github.adfkit.durable.server.implementation.SupervisorSettings;
import io.github.adfkit.durable.server.implementation.KindDefinition;
import io.github.adfkit.durable.server.implementation.OperationEndpoints;
import io.github.adfkit.durable.server.implementation.OperationSupervisor;

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
 *   <tr><td>{@code POST {prefix}/submit/{kind}}</td><td>202 with {@code Location}, {@code Retry-After} and
 *   {@code {"id", "statusUri"}}; 400 {@code {"error"}} for invalid parameters (nothing stored). An
 *   {@code Idempotency-Key} header returns the operation that key started before.</td></tr>
 *   <tr><td>{@code GET {prefix}/status/{id}}</td><td>200 with {@code {"id", "status", "result", "error"}} and
 *   {@code Retry-After} while not finished (202 with {@code Location} if
 *   {@link AsyncOperationServerBuilder#acceptedWhileRunning(boolean)}); 404 for an unknown id.</td></tr>
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

    AsyncOperationServer(OperationStore store, Map<String, KindDefinition> kinds, ExecutorService executor,
        SchedulingClock clock, SupervisorSettings supervisorSettings, EndpointSettings endpointSettings,
        List<ExecutorService> ownedExecutors) {
        this.supervisor = new OperationSupervisor(store.records(), kinds, executor, clock, supervisorSettings);
        this.endpoints = new OperationEndpoints(supervisor, kinds, endpointSettings);
        this.ownedExecutors = List.copyOf(ownedExecutors);
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
