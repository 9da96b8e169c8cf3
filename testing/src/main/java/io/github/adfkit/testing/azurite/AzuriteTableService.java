package io.github.adfkit.testing.azurite;

import com.azure.core.util.logging.ClientLogger;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import io.github.adfkit.testing.implementation.AzuriteInstallation;
import io.github.adfkit.testing.implementation.AzuriteProcess;
import io.github.adfkit.testing.implementation.LoopbackPorts;
import io.github.adfkit.testing.implementation.NodeRuntime;
import io.github.adfkit.testing.implementation.TableNames;

import java.time.Duration;

/**
 * The Azurite Table service of this JVM: started at first use, stopped when the JVM exits.
 *
 * <p>Azurite runs from npm, pinned by the lock file in this jar. At first use the launcher checks that Node.js
 * 20+ and npm are on the PATH, installs Azurite with {@code npm ci} into the
 * directory named by the system property {@value #HOME_PROPERTY}, else the environment variable
 * {@value #HOME_ENVIRONMENT_VARIABLE}, else {@code ${user.home}/.cache/adfkit/azurite-<lock hash>} (once per lock
 * file), and starts {@code azurite-table} in memory on a free loopback port. Every table a test creates is gone when
 * the JVM exits.</p>
 *
 * <pre>{@code
 * AzuriteTableService azurite = AzuriteTableService.shared();
 * TableClient table = azurite.newTable("orders");
 * }</pre>
 *
 * <p>In JUnit 5 tests, {@link AzuriteExtension} injects this service, a {@code TableServiceClient} or a fresh
 * {@code TableClient}.</p>
 */
public final class AzuriteTableService {
    /** System property naming the directory Azurite is installed into. */
    public static final String HOME_PROPERTY = "adfkit.azurite.home";
    /** Environment variable naming the directory Azurite is installed into (used when the property is not set). */
    public static final String HOME_ENVIRONMENT_VARIABLE = "ADFKIT_AZURITE_HOME";
    /** Azurite's well-known development account name. */
    public static final String ACCOUNT_NAME = "devstoreaccount1";
    /** Azurite's well-known development account key (public, the same in every Azurite). */
    public static final String ACCOUNT_KEY =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static final ClientLogger LOGGER = new ClientLogger(AzuriteTableService.class);
    private static final Duration READINESS_TIMEOUT = Duration.ofSeconds(60);

    private static AzuriteTableService shared;
    private static AzuriteUnavailableException startFailure;

    private final int port;
    private final TableServiceClient tableServiceClient;

    private AzuriteTableService(int port) {
        this.port = port;
        this.tableServiceClient = new TableServiceClientBuilder().connectionString(connectionString()).buildClient();
    }

    /**
     * Returns this JVM's Azurite, installing and starting it on first use. Later calls return the same instance; if
     * the first start failed, later calls fail at once with the same reason.
     *
     * @return the running service
     * @throws AzuriteUnavailableException if Node.js/npm are missing, the install fails or Azurite does not start
     */
    public static synchronized AzuriteTableService shared() {
        if (shared != null) {
            return shared;
        }
        if (startFailure != null) {
            throw LOGGER.logExceptionAsError(new AzuriteUnavailableException(
                "Azurite failed to start earlier in this JVM: " + startFailure.getMessage(), startFailure));
        }
        try {
            shared = start();
            return shared;
        } catch (AzuriteUnavailableException e) {
            startFailure = e;
            throw e;
        }
    }

    private static AzuriteTableService start() {
        String property = System.getProperty(HOME_PROPERTY);
        String configuredHome = property != null && !property.isBlank()
            ? property : System.getenv(HOME_ENVIRONMENT_VARIABLE);
        AzuriteInstallation installation = AzuriteInstallation.fromClasspath(configuredHome);
        NodeRuntime node = NodeRuntime.detect();
        AzuriteProcess process = AzuriteProcess.start(installation.ensureInstalled(node), installation.home(),
            READINESS_TIMEOUT);
        return new AzuriteTableService(process.port());
    }

    /**
     * The port the Table service listens on, on {@code 127.0.0.1}.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * The Table service endpoint, for example {@code http://127.0.0.1:53124/devstoreaccount1}.
     *
     * @return the endpoint, without a trailing slash
     */
    public String tableEndpoint() {
        return "http://" + LoopbackPorts.LOOPBACK_HOST + ":" + port + "/" + ACCOUNT_NAME;
    }

    /**
     * A connection string for the development account, accepted by every azure-data-tables builder.
     *
     * @return {@code DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=...;TableEndpoint=...;}
     */
    public String connectionString() {
        return "DefaultEndpointsProtocol=http;AccountName=" + ACCOUNT_NAME + ";AccountKey=" + ACCOUNT_KEY
            + ";TableEndpoint=" + tableEndpoint() + ";";
    }

    /**
     * A client for the whole Table service. The same instance is returned every time (clients are thread-safe).
     *
     * @return the service client
     */
    public TableServiceClient tableServiceClient() {
        return tableServiceClient;
    }

    /**
     * Creates a new, empty table with a unique name that starts with the prefix.
     *
     * @param prefix 1 to 40 letters and digits, starting with a letter
     * @return a client for the new table
     * @throws IllegalArgumentException if the prefix cannot start a table name
     */
    public TableClient newTable(String prefix) {
        if (!TableNames.isValidPrefix(prefix)) {
            throw LOGGER.logExceptionAsError(new IllegalArgumentException("Table name prefix '" + prefix
                + "' must be 1 to " + TableNames.MAX_PREFIX_LENGTH + " letters and digits, starting with a letter."));
        }
        return tableServiceClient.createTable(TableNames.unique(prefix));
    }
}
