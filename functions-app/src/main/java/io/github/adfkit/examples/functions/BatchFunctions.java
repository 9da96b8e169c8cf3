package io.github.adfkit.examples.functions;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import io.github.adfkit.core.host.AuthorizedHandler;
import io.github.adfkit.core.host.AzureFunctionsAdapter;
import io.github.adfkit.core.host.CallerAuthorization;
import io.github.adfkit.core.host.HostHandler;
import io.github.adfkit.durable.server.AsyncOperationServer;
import io.github.adfkit.durable.server.AsyncOperationServerBuilder;

import java.util.Objects;
import java.util.Optional;

/**
 * The prediction API's long-running batch variant behind the asynchronous submit/status pair:
 * {@code POST /api/batch/submit/churn} with {@code {"customers": [...]}} answers 202 with a {@code Location};
 * {@code GET /api/batch/status/{id}} answers 202 while the batch runs (so an ADF Web activity keeps following it) and
 * 200 with the predictions once it has finished; {@code DELETE} on it cancels. Operations are kept in this process's
 * memory, or in the {@value #TABLE_NAME} table when {@value AppSettings#TABLES_ENDPOINT} is set, so that every
 * instance of a scaled-out app answers for every batch. Only admitted callers may submit (an Entra ID token of a
 * configured managed identity, as for {@code /pause}); refused callers are throttled.
 */
public class BatchFunctions {
    /** The table that holds batch operations when a Table endpoint is set. */
    public static final String TABLE_NAME = "batchoperations";
    /** The route prefix in front of {@code /submit/{kind}} and {@code /status/{id}}. */
    public static final String ROUTE_PREFIX = "/api/batch";

    private static final ProcessWide<BatchFunctions> DEFAULT = new ProcessWide<>(() -> {
        AppSettings settings = AppSettings.fromEnvironment();
        return new BatchFunctions(server(operationsTable(settings)), CallerAuthorization.entraIdBearer(settings.callerOptions()));
    });

    private final AsyncOperationServer server;
    private final HostHandler submit;

    /**
     * The constructor the Functions runtime uses: one server (and one throttle of refused callers) per process,
     * configured from the app settings; callers need an Entra ID token of an admitted identity.
     */
    public BatchFunctions() {
        this.server = DEFAULT.get().server;
        this.submit = DEFAULT.get().submit;
    }

    /**
     * @param server the server that answers, for example one built by {@link #server(TableClient)}
     * @param callers who may submit batches; refused callers are throttled
     */
    public BatchFunctions(AsyncOperationServer server, CallerAuthorization callers) {
        this.server = Objects.requireNonNull(server, "server");
        this.submit = new AuthorizedHandler(Objects.requireNonNull(callers, "callers")::isAuthorized, server);
    }

    /**
     * @param operations the table the operations are kept in, or {@code null} for this process's memory
     * @return a server for the churn batch kind under {@value #ROUTE_PREFIX}
     */
    public static AsyncOperationServer server(TableClient operations) {
        return new AsyncOperationServerBuilder()
            .addOperationKind(BatchScoring.kind(LogisticRegressionModel.churn()))
            .tableClient(operations)
            .routePrefix(ROUTE_PREFIX)
            .acceptedWhileRunning(true)
            .buildServer();
    }

    /**
     * @param settings the app settings
     * @return the {@value #TABLE_NAME} table (created if needed) when a Table endpoint is set, otherwise
     *     {@code null} (memory)
     */
    public static TableClient operationsTable(AppSettings settings) {
        Optional<TableServiceClient> tables = settings.tableService(settings.credential());
        return tables.map(service -> service.createTableIfNotExists(TABLE_NAME)).orElse(null);
    }

    /**
     * Submits a batch.
     *
     * @param request the HTTP request
     * @return 202 with {@code Location}, 400 naming the bad customer and feature, 401 for an unknown caller, or 429
     *     after too many refusals
     */
    @FunctionName("batchSubmit")
    public HttpResponseMessage submit(
        @HttpTrigger(name = "req", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.ANONYMOUS,
            route = "batch/submit/{kind}") HttpRequestMessage<Optional<String>> request) {
        return AzureFunctionsAdapter.handle(request, submit);
    }

    /**
     * Reads a batch's status ({@code GET}) or cancels it ({@code DELETE}). Anonymous: the id is 128 random bits and
     * the answer holds only id, status, result and error.
     *
     * @param request the HTTP request
     * @return the status, or 404 for an unknown id
     */
    @FunctionName("batchStatus")
    public HttpResponseMessage status(
        @HttpTrigger(name = "req", methods = {HttpMethod.GET, HttpMethod.DELETE},
            authLevel = AuthorizationLevel.ANONYMOUS, route = "batch/status/{id}")
        HttpRequestMessage<Optional<String>> request) {
        return AzureFunctionsAdapter.handle(request, server);
    }
}
