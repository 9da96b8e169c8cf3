package io.github.adfkit.examples.asyncapi;

import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import io.github.adfkit.core.host.AzureFunctionsAdapter;
import io.github.adfkit.durable.server.AsyncOperationServer;
import io.github.adfkit.durable.server.AsyncOperationServerBuilder;
import io.github.adfkit.durable.server.OperationStore;

import java.util.Optional;

/**
 * Seed 002's asynchronous API as an Azure Functions app, without Durable Functions: {@code POST /api/submit/query}
 * (function key required) and {@code GET}/{@code DELETE /api/status/{id}} (anonymous: the id is 128 random bits and
 * the body shows only id, status, result and error). Every instance shares the {@code operations} table of the
 * storage account named by the app setting {@code ADFKIT_TABLES_ENDPOINT}, reached with the app's managed identity.
 */
public class AsyncApiFunctions {
    /**
     * The submit endpoint.
     *
     * @param request the HTTP request
     * @param kind the operation kind from the route
     * @return 202 with the status URI, or 400 with the reason
     */
    @FunctionName("asyncSubmit")
    public HttpResponseMessage submit(
        @HttpTrigger(name = "req", methods = {HttpMethod.POST}, authLevel = AuthorizationLevel.FUNCTION,
            route = "submit/{kind}") HttpRequestMessage<Optional<String>> request,
        @BindingName("kind") String kind) {
        return AzureFunctionsAdapter.handle(request, Server.INSTANCE);
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
        return AzureFunctionsAdapter.handle(request, Server.INSTANCE);
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
        return AzureFunctionsAdapter.handle(request, Server.INSTANCE);
    }

    private static final class Server {
        private static final AsyncOperationServer INSTANCE = create();

        private static AsyncOperationServer create() {
            TableServiceClient tables = new TableServiceClientBuilder()
                .endpoint(System.getenv("ADFKIT_TABLES_ENDPOINT"))
                .credential(new DefaultAzureCredentialBuilder().build())
                .buildClient();
            return new AsyncOperationServerBuilder()
                .addOperationKind(AuditQuery.kind(tables.getTableClient("audit")))
                .store(OperationStore.tableStorage(tables.createTableIfNotExists("operations")))
                .buildServer();
        }
    }
}
