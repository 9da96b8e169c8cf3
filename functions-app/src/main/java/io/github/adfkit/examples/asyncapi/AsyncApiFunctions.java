package io.github.adfkit.examples.asyncapi;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import io.github.adfkit.core.host.AuthorizedHandler;
import io.github.adfkit.core.host.AzureFunctionsAdapter;
import io.github.adfkit.core.host.CallerAuthorization;
import io.github.adfkit.core.host.HostHandler;
import io.github.adfkit.durable.server.AsyncOperationServer;
import io.github.adfkit.durable.server.AsyncOperationServerBuilder;
import io.github.adfkit.examples.functions.AppSettings;
import io.github.adfkit.examples.functions.ProcessWide;

import java.util.Objects;
import java.util.Optional;

/**
 * Seed 002's asynchronous API as an Azure Functions app, without Durable Functions: {@code POST /api/submit/query}
 * (admitted callers only, as {@code /pause}: an Entra ID token of a configured managed identity; refused callers are
 * throttled) and {@code GET}/{@code DELETE /api/status/{id}} (anonymous: the id is 128 random bits and the body shows
 * only id, status, result and error). Every instance shares the {@code operations} table of the storage account named
 * by the app setting {@code ADFKIT_TABLES_ENDPOINT}, reached with the app's managed identity.
 */
public class AsyncApiFunctions {
    private static final ProcessWide<AsyncApiFunctions> DEFAULT = new ProcessWide<>(() -> {
        AppSettings settings = AppSettings.fromEnvironment();
        TableServiceClient tables = new TableServiceClientBuilder()
            .endpoint(settings.required(AppSettings.TABLES_ENDPOINT))
            .credential(settings.credential())
            .buildClient();
        return new AsyncApiFunctions(server(tables.getTableClient("audit"), tables.createTableIfNotExists("operations")),
            CallerAuthorization.entraIdBearer(settings.callerOptions()));
    });

    private final AsyncOperationServer server;
    private final HostHandler submit;

    /**
     * The constructor the Functions runtime uses: one server (and one throttle of refused callers) per process,
     * configured from the app settings.
     */
    public AsyncApiFunctions() {
        this.server = DEFAULT.get().server;
        this.submit = DEFAULT.get().submit;
    }

    /**
     * @param server the server that answers, for example one built by {@link #server(TableClient, TableClient)}
     * @param callers who may submit queries; refused callers are throttled
     */
    public AsyncApiFunctions(AsyncOperationServer server, CallerAuthorization callers) {
        this.server = Objects.requireNonNull(server, "server");
        this.submit = new AuthorizedHandler(Objects.requireNonNull(callers, "callers")::isAuthorized, server);
    }

    /**
     * @param audit the table the queries count in
     * @param operations the table that holds the operations, shared by every instance
     * @return the server of the {@code query} kind
     */
    public static AsyncOperationServer server(TableClient audit, TableClient operations) {
        return new AsyncOperationServerBuilder()
            .addOperationKind(AuditQuery.kind(audit))
            .tableClient(operations)
            .buildServer();
    }

    /**
     * The submit endpoint.
     *
     * @param request the HTTP request
     * @param kind the operation kind from the route
     * @return 202 with the status URI, 400 with the reason, 401 for an unknown caller, or 429 after too many refusals
     */
    @FunctionName("asyncSubmit")
    public HttpResponseMessage submit(
        @HttpTrigger(name = "req", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.ANONYMOUS,
            route = "submit/{kind}") HttpRequestMessage<Optional<String>> request,
        @BindingName("kind") String kind) {
        return AzureFunctionsAdapter.handle(request, submit);
    }

    /**
     * The status endpoint: {@code GET} reads, {@code DELETE} cancels.
     *
     * @param request the HTTP request
     * @param id the operation id from the route
     * @return the status, or 404
     */
    @FunctionName("asyncStatus")
    public HttpResponseMessage status(
        @HttpTrigger(name = "req", methods = {HttpMethod.GET, HttpMethod.DELETE},
            authLevel = AuthorizationLevel.ANONYMOUS, route = "status/{id}") HttpRequestMessage<Optional<String>> request,
        @BindingName("id") String id) {
        return AzureFunctionsAdapter.handle(request, server);
    }

    /**
     * The result alone ({@code /status/{id}/result}, the final GET of azure-core's pollers) and the status monitor
     * ({@code /status/{id}/monitor}, the {@code Operation-Location}).
     *
     * @param request the HTTP request
     * @param id the operation id from the route
     * @param view {@code result} or {@code monitor}
     * @return the answer, or 404
     */
    @FunctionName("asyncStatusView")
    public HttpResponseMessage statusView(
        @HttpTrigger(name = "req", methods = {HttpMethod.GET}, authLevel = AuthorizationLevel.ANONYMOUS,
            route = "status/{id}/{view}") HttpRequestMessage<Optional<String>> request,
        @BindingName("id") String id, @BindingName("view") String view) {
        return AzureFunctionsAdapter.handle(request, server);
    }
}
