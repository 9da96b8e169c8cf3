package io.github.adfkit.testing.azurite;

import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.models.ListTablesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableItem;
import com.azure.data.tables.models.TableServiceException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Acceptance test of the Azurite launcher: real Table storage semantics, ETags included.
 */
@ExtendWith(AzuriteExtension.class)
class AzuriteSmokeTest {
    private final AzuriteTableService azurite;

    AzuriteSmokeTest(AzuriteTableService azurite) {
        this.azurite = azurite;
    }

    @Test
    void conditionalUpdateSucceedsWithFetchedEtagAndFailsWith412WithStaleEtag(TableClient table) {
        table.createEntity(new TableEntity("pause", "token-hash").addProperty("state", "PENDING"));

        TableEntity fetched = table.getEntity("pause", "token-hash");
        assertThat(fetched.getProperty("state")).isEqualTo("PENDING");
        assertThat(fetched.getETag()).isNotBlank();

        fetched.addProperty("state", "CLAIMED");
        Response<Void> claimed =
            table.updateEntityWithResponse(fetched, TableEntityUpdateMode.REPLACE, true, null, Context.NONE);
        assertThat(claimed.getStatusCode()).isEqualTo(204);
        TableEntity current = table.getEntity("pause", "token-hash");
        assertThat(current.getProperty("state")).isEqualTo("CLAIMED");
        assertThat(current.getETag()).isNotEqualTo(fetched.getETag());

        fetched.addProperty("state", "CLAIMED-AGAIN");
        assertThatThrownBy(() ->
            table.updateEntityWithResponse(fetched, TableEntityUpdateMode.REPLACE, true, null, Context.NONE))
            .isInstanceOfSatisfying(TableServiceException.class,
                e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(412));
        assertThat(table.getEntity("pause", "token-hash").getProperty("state")).isEqualTo("CLAIMED");
    }

    @Test
    void newTableCallsGiveDistinctEmptyTables() {
        TableClient first = azurite.newTable("distinct");
        TableClient second = azurite.newTable("distinct");

        assertThat(first.getTableName()).startsWith("distinct").isNotEqualTo(second.getTableName());
        first.createEntity(new TableEntity("p", "r"));
        assertThat(first.listEntities()).hasSize(1);
        assertThat(second.listEntities()).isEmpty();
    }

    @Test
    void extensionInjectsTheServiceClientAndOneNewTablePerParameter(TableServiceClient service, TableClient first,
        TableClient second) {
        assertThat(first.getTableName()).isNotEqualTo(second.getTableName());
        assertThat(tableNames(service)).contains(first.getTableName(), second.getTableName());
        assertThat(service).isSameAs(azurite.tableServiceClient());
    }

    @Test
    void connectionStringNamesTheLoopbackTableEndpoint() {
        assertThat(azurite.tableEndpoint()).isEqualTo("http://127.0.0.1:" + azurite.port() + "/devstoreaccount1");
        assertThat(azurite.connectionString())
            .startsWith("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=")
            .endsWith(";TableEndpoint=" + azurite.tableEndpoint() + ";");
    }

    @Test
    void rejectsPrefixesThatCannotStartATableName() {
        assertThatThrownBy(() -> azurite.newTable("1abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> azurite.newTable("with-dash")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> azurite.newTable("")).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> tableNames(TableServiceClient service) {
        return service.listTables(new ListTablesOptions(), null, Context.NONE).stream()
            .map(TableItem::getName).collect(Collectors.toList());
    }
}
