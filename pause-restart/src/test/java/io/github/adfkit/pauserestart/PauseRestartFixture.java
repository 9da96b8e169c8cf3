package io.github.adfkit.pauserestart;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import com.azure.resourcemanager.datafactory.DataFactoryManager;
import io.github.adfkit.core.ManualClock;
import io.github.adfkit.core.host.CallerAuthorization;
import io.github.adfkit.core.host.HostRequest;
import io.github.adfkit.core.host.HostResponse;
import io.github.adfkit.pauserestart.models.PauseOptions;
import io.github.adfkit.pauserestart.models.PauseTicket;
import io.github.adfkit.pauserestart.models.PipelineTarget;
import io.github.adfkit.testing.adf.AdfFakeServer;
import io.github.adfkit.testing.arm.StaticTestTokenCredential;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * One Azurite table, one fake Data Factory, a manual clock, and the client, pages and data handler on top.
 */
final class PauseRestartFixture implements AutoCloseable {
    static final String RESTART_PAGE = "http://localhost:7071/restart";
    static final String DATA_KEY = "a-function-key-of-at-least-32-characters";
    static final PipelineTarget TARGET = new PipelineTarget("sub-1", "rg-data", "adf-sales", "ResumeAfterApproval")
        .withTenantId("tenant-1");

    final TableClient table;
    final AdfFakeServer adf;
    final ManualClock clock = new ManualClock(Instant.now());
    final PauseRestartClient client;
    final RestartPages pages;
    final PauseDataHandler dataHandler;

    PauseRestartFixture(TableClient table) {
        this(table, Duration.ofSeconds(5));
    }

    PauseRestartFixture(TableClient table, Duration createRunTimeout) {
        this(table, createRunTimeout, RESTART_PAGE);
    }

    PauseRestartFixture(TableClient table, Duration createRunTimeout, String restartPage) {
        this(table, new AdfFakeServer().start(), null, createRunTimeout, restartPage);
    }

    /**
     * @param adf the fake Data Factory, started; closed with the fixture
     * @param managers how the client reaches it, or {@code null} for directly
     */
    PauseRestartFixture(TableClient table, AdfFakeServer adf, DataFactoryManagerFactory managers,
        Duration createRunTimeout, String restartPage) {
        this.table = table;
        this.adf = adf;
        this.client = new PauseRestartClientBuilder()
            .tableClient(table)
            .dataFactoryManagerFactory(managers != null ? managers : (tenantId, subscriptionId) ->
                DataFactoryManager.authenticate(adf.httpPipeline(new StaticTestTokenCredential()),
                    adf.azureProfile(tenantId, subscriptionId)))
            .restartPageUrl(restartPage)
            .clock(clock)
            .createRunTimeout(createRunTimeout)
            .buildClient();
        this.pages = new RestartPages(client, 1_000, clock);
        this.dataHandler = new PauseDataHandler(client, CallerAuthorization.functionKey(DATA_KEY));
    }

    PauseTicket pause() {
        return client.pause(new PauseOptions(TARGET, Map.of("batch", "2026-11-20", "rows", 1200))
            .setParameters(Map.of("environment", "test")));
    }

    HostResponse get(String url) {
        return pages.handle(HostRequest.of("GET", URI.create(url), Map.of(), null, "10.0.0.1"));
    }

    HostResponse post(String token) {
        return post(token, "10.0.0.1");
    }

    HostResponse post(String token, String clientAddress) {
        byte[] form = ("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        return pages.handle(HostRequest.of("POST", URI.create(RESTART_PAGE),
            Map.of("Content-Type", "application/x-www-form-urlencoded"), form, clientAddress));
    }

    HostResponse getData(String pauseId) {
        return dataHandler.handle(HostRequest.of("GET", URI.create("http://localhost:7071/api/pause-data/" + pauseId),
            Map.of("x-functions-key", DATA_KEY), null, "10.0.0.9"));
    }

    int createRunCalls() {
        return adf.findAll(postRequestedFor(urlPathMatching(".*/createRun"))).size();
    }

    /** Every row of the table, with every property, as text: what an operator with table access sees. */
    List<String> tableDump() {
        return table.listEntities().stream().map(PauseRestartFixture::describe).sorted()
            .collect(Collectors.toList());
    }

    private static String describe(TableEntity entity) {
        return entity.getPartitionKey() + "|" + entity.getRowKey() + "|" + entity.getProperties();
    }

    @Override
    public void close() {
        adf.close();
    }
}
