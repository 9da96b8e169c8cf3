package io.github.adfkit.examples.demo;

import com.azure.data.tables.TableClient;
import io.github.adfkit.aci.ContainerJobClient;
import io.github.adfkit.core.WebhookRequestOptions;
import io.github.adfkit.core.host.AuthorizedHandler;
import io.github.adfkit.core.host.CallerAuthorization;
import io.github.adfkit.core.host.HostHandler;
import io.github.adfkit.core.host.HostResponse;
import io.github.adfkit.core.host.HostServer;
import io.github.adfkit.core.host.HostServerBuilder;
import io.github.adfkit.durable.server.AsyncOperationServer;
import io.github.adfkit.durable.server.AsyncOperationServerBuilder;
import io.github.adfkit.examples.asyncapi.AuditQuery;
import io.github.adfkit.examples.functions.StartJobHandler;
import io.github.adfkit.pauserestart.PauseDataHandler;
import io.github.adfkit.pauserestart.PauseHandler;
import io.github.adfkit.pauserestart.PauseRestartClient;
import io.github.adfkit.pauserestart.RestartPages;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.Function;

/**
 * The host a data team writes: one adfkit {@link HostServer} on a free loopback port. Every route that starts work or
 * hands out data requires the pipelines' key ({@code x-functions-key}), and wrong keys are throttled per caller; only
 * the restart pages, which the emailed token protects, are open.
 * <table>
 *   <caption>Routes</caption>
 *   <tr><th>Route</th><th>Served by</th></tr>
 *   <tr><td>{@code POST /jobs}</td><td>ADF WebHook: a container job on ACI, then the callback to ADF</td></tr>
 *   <tr><td>{@code POST /api/submit/query}, {@code /api/submit/rebuild}, {@code GET /api/status/{id}}</td>
 *   <td>async request-reply: the seed's audit count, and a single-flight rebuild</td></tr>
 *   <tr><td>{@code POST /pause}</td><td>pauses a pipeline and returns the restart link</td></tr>
 *   <tr><td>{@code GET/POST /restart}</td><td>the confirmation and outcome pages behind the link</td></tr>
 *   <tr><td>{@code GET /pause-data/{pauseId}}</td><td>what the resumed pipeline reads back</td></tr>
 * </table>
 * <p>Operations, pauses and watched jobs are kept in Table storage, so a restarted host carries on.</p>
 */
public final class DemoHost implements AutoCloseable {
    private static final int MAX_BODY_BYTES = 64 * 1024;
    private static final Duration STATUS_POLL_INTERVAL = Duration.ofSeconds(1);

    private final HostServer server;
    private final String baseUrl;
    private final ContainerJobClient jobs;
    private final AsyncOperationServer asyncApi;
    private final Routes routes;

    /**
     * The handlers behind the routes, built once the server's port (and so the restart link) is known.
     *
     * @param jobs {@code /jobs}
     * @param asyncApi {@code /api/}
     * @param pause {@code /pause}
     * @param restart {@code /restart}
     * @param pauseData {@code /pause-data}
     */
    private record Routes(HostHandler jobs, HostHandler asyncApi, HostHandler pause, HostHandler restart,
        HostHandler pauseData) {
    }

    private DemoHost(HostServer server, DemoEnvironment environment) {
        this.server = server;
        this.baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        TableClient jobTable = environment.table("jobs");
        TableClient audit = environment.auditTable();
        TableClient operations = environment.table("operations");
        CallerAuthorization pipelines = CallerAuthorization.functionKey(environment.pipelineKey());
        PauseRestartClient pauses = environment.pauses().tableClient(environment.table("pauses"))
            .restartPageUrl(baseUrl + "/restart").buildClient();
        this.jobs = environment.containerJobs().tableClient(jobTable).buildClient();
        this.asyncApi = new AsyncOperationServerBuilder()
            .addOperationKind(AuditQuery.kind(audit))
            .addOperationKind(ReportRebuild.kind(audit))
            .tableClient(operations)
            .retryAfter(STATUS_POLL_INTERVAL)
            .buildServer();
        this.routes = new Routes(
            new AuthorizedHandler(pipelines::isAuthorized, new StartJobHandler(jobs, environment.resourceGroup(),
                environment.location(), new WebhookRequestOptions()
                    .setCallbackUriPolicy(environment.callbackUriPolicy()))),
            new AuthorizedHandler(pipelines::isAuthorized, asyncApi),
            new AuthorizedHandler(pipelines::isAuthorized, new PauseHandler(pauses, pipelines)),
            new RestartPages(pauses),
            new AuthorizedHandler(pipelines::isAuthorized, new PauseDataHandler(pauses, pipelines)));
    }

    /**
     * Builds the host on a free loopback port, resumes the container jobs a previous host left, and starts serving.
     *
     * @param environment where the Azure services are
     * @return the running host
     * @throws RuntimeException if a table cannot be reached or a setting is invalid; the port is closed again
     */
    public static DemoHost start(DemoEnvironment environment) {
        return start(environment, new HostServerBuilder());
    }

    /**
     * Builds the host on a chosen address, resumes the container jobs a previous host left, and starts serving.
     *
     * @param environment where the Azure services are
     * @param address the address and port to listen on; port 0 for a free one
     * @return the running host
     * @throws RuntimeException if the address cannot be bound, a table cannot be reached or a setting is invalid
     */
    public static DemoHost start(DemoEnvironment environment, InetSocketAddress address) {
        return start(environment, new HostServerBuilder().address(address));
    }

    private static DemoHost start(DemoEnvironment environment, HostServerBuilder builder) {
        DemoHost[] started = new DemoHost[1];
        route(builder, "/jobs", started, Routes::jobs);
        route(builder, "/api/", started, Routes::asyncApi);
        route(builder, "/pause", started, Routes::pause);
        route(builder, "/restart", started, Routes::restart);
        route(builder, "/pause-data", started, Routes::pauseData);
        HostServer server = builder.start();
        DemoHost host;
        try {
            host = new DemoHost(server, environment);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        host.jobs.getWatcher().resumeStoredJobs();
        synchronized (started) {
            started[0] = host;
        }
        return host;
    }

    /**
     * @return the host's base URL, such as {@code http://127.0.0.1:51234}
     */
    public String baseUrl() {
        return baseUrl;
    }

    /**
     * Stops serving, stops watching jobs (stored jobs stay for the next host) and ends running operations.
     */
    @Override
    public void close() {
        server.close();
        jobs.getWatcher().close();
        asyncApi.close();
    }

    /** Serves a route with its handler once the host is built; until then the host answers 503. */
    private static void route(HostServerBuilder builder, String path, DemoHost[] started,
        Function<Routes, HostHandler> handler) {
        builder.route(path, request -> {
            DemoHost host;
            synchronized (started) {
                host = started[0];
            }
            return host == null ? HostResponse.error(503, "The host is starting.").withHeader("Retry-After", "1")
                : handler.apply(host.routes).handle(request);
        }, MAX_BODY_BYTES);
    }
}
