package io.github.adfkit.examples.demo;

import com.azure.data.tables.TableClient;
import com.sun.net.httpserver.HttpServer;
import io.github.adfkit.aci.ContainerJobClient;
import io.github.adfkit.core.WebhookRequestOptions;
import io.github.adfkit.core.host.HostHandler;
import io.github.adfkit.core.host.JdkHttpServerAdapter;
import io.github.adfkit.durable.server.AsyncOperationServer;
import io.github.adfkit.durable.server.AsyncOperationServerBuilder;
import io.github.adfkit.durable.server.OperationStore;
import io.github.adfkit.examples.asyncapi.AuditQuery;
import io.github.adfkit.examples.functions.StartJobHandler;
import io.github.adfkit.pauserestart.CallerAuthorization;
import io.github.adfkit.pauserestart.PauseDataHandler;
import io.github.adfkit.pauserestart.PauseHandler;
import io.github.adfkit.pauserestart.PauseRestartClient;
import io.github.adfkit.pauserestart.RestartPages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The host a data team writes: one JDK {@code HttpServer} on a free loopback port that embeds adfkit.
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

    private final HttpServer server;
    private final String baseUrl;
    private final ContainerJobClient jobs;
    private final AsyncOperationServer asyncApi;

    private DemoHost(HttpServer server, DemoEnvironment environment) {
        this.server = server;
        this.baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
        TableClient jobTable = environment.table("jobs");
        TableClient audit = environment.auditTable();
        TableClient operations = environment.table("operations");
        CallerAuthorization pipelines = CallerAuthorization.functionKey(environment.pipelineKey());
        PauseRestartClient pauses = environment.pauses().tableClient(environment.table("pauses"))
            .restartPageUrl(baseUrl + "/restart").buildClient();
        this.jobs = environment.containerJobs().jobStore(jobTable).buildClient();
        this.asyncApi = new AsyncOperationServerBuilder()
            .addOperationKind(AuditQuery.kind(audit))
            .addOperationKind(ReportRebuild.kind(audit))
            .store(OperationStore.tableStorage(operations))
            .retryAfter(STATUS_POLL_INTERVAL)
            .buildServer();
        route("/jobs", new StartJobHandler(jobs, environment.resourceGroup(), environment.location(),
            new WebhookRequestOptions().setCallbackUriPolicy(environment.callbackUriPolicy())));
        route("/api/", asyncApi);
        route("/pause", new PauseHandler(pauses, pipelines));
        route("/restart", new RestartPages(pauses));
        route("/pause-data", new PauseDataHandler(pauses, pipelines));
    }

    /**
     * Builds the host on a free loopback port, resumes the container jobs a previous host left, and starts serving.
     *
     * @param environment where the Azure services are
     * @return the running host
     * @throws RuntimeException if a table cannot be reached or a setting is invalid; the port is closed again
     */
    public static DemoHost start(DemoEnvironment environment) {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("No loopback port could be opened.", e);
        }
        DemoHost host;
        try {
            host = new DemoHost(server, environment);
        } catch (RuntimeException e) {
            server.stop(0);
            throw e;
        }
        host.jobs.getWatcher().resumeStoredJobs();
        server.start();
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
        server.stop(0);
        jobs.getWatcher().close();
        asyncApi.close();
    }

    private void route(String path, HostHandler handler) {
        server.createContext(path, JdkHttpServerAdapter.adapt(handler, MAX_BODY_BYTES));
    }
}
