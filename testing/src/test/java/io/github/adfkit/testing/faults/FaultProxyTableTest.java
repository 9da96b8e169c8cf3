package io.github.adfkit.testing.faults;

import com.azure.core.http.policy.FixedDelayOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableServiceException;
import io.github.adfkit.testing.azurite.AzuriteExtension;
import io.github.adfkit.testing.azurite.AzuriteTableService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A real {@link TableClient} (azure-core-http-netty) talking to Azurite through {@link FaultProxy}.
 */
@ExtendWith(AzuriteExtension.class)
class FaultProxyTableTest {
    private static final RetryOptions QUICK_RETRIES = new RetryOptions(new FixedDelayOptions(3, Duration.ofMillis(10)));

    private final AzuriteTableService azurite;
    private final FaultProxy proxy;

    FaultProxyTableTest(AzuriteTableService azurite) {
        this.azurite = azurite;
        this.proxy = new FaultProxy(azurite.tableEndpoint()).start();
    }

    @AfterEach
    void stop() {
        proxy.close();
    }

    @Test
    void entityExistsAlthoughTheAnswerToItsInsertWasLost(TableClient table) {
        TableClient throughProxy = throughProxy(table);
        proxy.injectNext(1, ProxiedRequest.method("POST"), FaultAction.resetAfter());

        Throwable failure = catchThrowable(() -> throughProxy.createEntity(new TableEntity("job", "1")));

        // The client either gives up on the reset or retries the insert and finds the row it wrote itself: 409.
        assertThat(failure).isNotNull();
        if (failure instanceof TableServiceException) {
            assertThat(((TableServiceException) failure).getResponse().getStatusCode()).isEqualTo(409);
        }
        assertThat(table.getEntity("job", "1")).isNotNull();
        assertThat(proxy.faultCount(FaultKind.RESET_AFTER)).isEqualTo(1);
    }

    @Test
    void insertRetriedAfterAResetBeforeForwardingIsWrittenOnce(TableClient table) {
        TableClient throughProxy = throughProxy(table);
        proxy.injectNext(1, ProxiedRequest.method("POST"), FaultAction.resetBefore());
        proxy.injectNext(1, ProxiedRequest.method("POST"), FaultAction.status(503, Duration.ofMillis(10)));

        throughProxy.createEntity(new TableEntity("job", "1").addProperty("state", "NEW"));

        assertThat(table.listEntities()).singleElement()
            .satisfies(entity -> assertThat(entity.getProperty("state")).isEqualTo("NEW"));
        assertThat(proxy.faultCount()).isEqualTo(2);
        assertThat(proxy.requestCount()).isEqualTo(3);
    }

    @Test
    void readsPassThroughUntouched(TableClient table) {
        table.createEntity(new TableEntity("job", "1").addProperty("state", "RUNNING"));

        TableEntity read = throughProxy(table).getEntity("job", "1");

        assertThat(read.getProperty("state")).isEqualTo("RUNNING");
        assertThat(read.getETag()).isEqualTo(table.getEntity("job", "1").getETag());
    }

    private TableClient throughProxy(TableClient table) {
        return new TableClientBuilder()
            .connectionString(azurite.connectionString().replace(azurite.tableEndpoint(), proxy.baseUrl()))
            .tableName(table.getTableName())
            .retryOptions(QUICK_RETRIES)
            .buildClient();
    }
}
