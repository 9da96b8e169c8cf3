package io.github.adfkit.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code adfkit.*} settings. Each capability is configured only when the settings that make it buildable are
 * given; see {@link AdfkitAutoConfiguration}.
 *
 * <pre>
 * adfkit.tables.endpoint=https://contosodata.table.core.windows.net
 * adfkit.container-jobs.subscription-id=00000000-0000-0000-0000-000000000000
 * adfkit.container-jobs.job-table=adfkitjobs
 * adfkit.async-operations.server.operation-table=adfkitoperations
 * adfkit.pause-restart.restart-page-url=https://pipelines.contoso.com/restart
 * </pre>
 */
@ConfigurationProperties(prefix = "adfkit")
public class AdfkitProperties {
    private final Tables tables = new Tables();
    private final Callback callback = new Callback();
    private final ContainerJobs containerJobs = new ContainerJobs();
    private final AsyncOperations asyncOperations = new AsyncOperations();
    private final PauseRestart pauseRestart = new PauseRestart();
    private final Host host = new Host();

    /**
     * Creates the settings with their defaults.
     */
    public AdfkitProperties() {
    }

    /**
     * @return where adfkit keeps what must outlive the process
     */
    public Tables getTables() {
        return tables;
    }

    /**
     * @return the WebHook callback client's settings
     */
    public Callback getCallback() {
        return callback;
    }

    /**
     * @return the container job client's settings
     */
    public ContainerJobs getContainerJobs() {
        return containerJobs;
    }

    /**
     * @return the async operation client's and server's settings
     */
    public AsyncOperations getAsyncOperations() {
        return asyncOperations;
    }

    /**
     * @return the pause-restart client's and endpoints' settings
     */
    public PauseRestart getPauseRestart() {
        return pauseRestart;
    }

    /**
     * @return the settings shared by every endpoint served through Spring MVC
     */
    public Host getHost() {
        return host;
    }

    /**
     * {@code adfkit.tables.*}: the Azure Table storage account. Give the endpoint (authenticated with the
     * {@code TokenCredential} bean, for example a managed identity) or a connection string.
     */
    public static class Tables {
        private String endpoint;
        private String connectionString;

        /**
         * Creates empty settings.
         */
        public Tables() {
        }

        /**
         * @return the Table service endpoint, such as {@code https://<account>.table.core.windows.net}
         */
        public String getEndpoint() {
            return endpoint;
        }

        /**
         * @param endpoint the Table service endpoint
         */
        public void setEndpoint(String endpoint) {
            this.endpoint = endpoint;
        }

        /**
         * @return the connection string, an alternative to the endpoint
         */
        public String getConnectionString() {
            return connectionString;
        }

        /**
         * @param connectionString the connection string; keep it in a secret store, never in a committed file
         */
        public void setConnectionString(String connectionString) {
            this.connectionString = connectionString;
        }
    }

    /**
     * {@code adfkit.callback.*}: how WebHook callbacks are delivered.
     */
    public static class Callback {
        private Duration deadline;
        private List<String> allowedHostSuffixes = new ArrayList<>();

        /**
         * Creates empty settings.
         */
        public Callback() {
        }

        /**
         * @return how long a callback is retried; {@code null} for the client's default (10 minutes)
         */
        public Duration getDeadline() {
            return deadline;
        }

        /**
         * @param deadline how long a callback is retried, typically the WebHook activity's timeout
         */
        public void setDeadline(Duration deadline) {
            this.deadline = deadline;
        }

        /**
         * @return host suffixes allowed as callBackUri hosts besides Data Factory's own
         */
        public List<String> getAllowedHostSuffixes() {
            return allowedHostSuffixes;
        }

        /**
         * @param allowedHostSuffixes host suffixes allowed as callBackUri hosts besides Data Factory's own
         */
        public void setAllowedHostSuffixes(List<String> allowedHostSuffixes) {
            this.allowedHostSuffixes = allowedHostSuffixes;
        }
    }

    /**
     * {@code adfkit.container-jobs.*}: container jobs on Azure Container Instances. Configured when
     * {@code subscription-id} is set.
     */
    public static class ContainerJobs {
        private String subscriptionId;
        private String endpoint;
        private String jobTable;
        private String sealingKeyId = "k1";
        private String sealingKey;
        private List<String> webhookImageRegistries = new ArrayList<>();

        /**
         * Creates empty settings.
         */
        public ContainerJobs() {
        }

        /**
         * @return the subscription the container groups are created in
         */
        public String getSubscriptionId() {
            return subscriptionId;
        }

        /**
         * @param subscriptionId the subscription the container groups are created in
         */
        public void setSubscriptionId(String subscriptionId) {
            this.subscriptionId = subscriptionId;
        }

        /**
         * @return the Azure Resource Manager endpoint; {@code null} for the public cloud's
         */
        public String getEndpoint() {
            return endpoint;
        }

        /**
         * @param endpoint the Azure Resource Manager endpoint of another cloud
         */
        public void setEndpoint(String endpoint) {
            this.endpoint = endpoint;
        }

        /**
         * @return the table that records watched jobs, so that a restarted host finishes them; {@code null} for none
         */
        public String getJobTable() {
            return jobTable;
        }

        /**
         * @param jobTable the job table's name, in the {@code adfkit.tables} account (created if missing)
         */
        public void setJobTable(String jobTable) {
            this.jobTable = jobTable;
        }

        /**
         * @return the id of the key that seals each stored {@code callBackUri}
         */
        public String getSealingKeyId() {
            return sealingKeyId;
        }

        /**
         * @param sealingKeyId the id of the key that seals each stored {@code callBackUri} (default {@code k1})
         */
        public void setSealingKeyId(String sealingKeyId) {
            this.sealingKeyId = sealingKeyId;
        }

        /**
         * @return the base64 AES-256 key that seals each stored {@code callBackUri}; required with a job table
         */
        public String getSealingKey() {
            return sealingKey;
        }

        /**
         * @param sealingKey the base64 AES-256 key (32 bytes) that seals each stored {@code callBackUri}; keep it in
         *     Key Vault or an app setting, never in source
         */
        public void setSealingKey(String sealingKey) {
            this.sealingKey = sealingKey;
        }

        /**
         * @return the registries whose images a WebHook request may run; empty allows none
         */
        public List<String> getWebhookImageRegistries() {
            return webhookImageRegistries;
        }

        /**
         * @param webhookImageRegistries the registries whose images a WebHook request may run
         */
        public void setWebhookImageRegistries(List<String> webhookImageRegistries) {
            this.webhookImageRegistries = webhookImageRegistries;
        }
    }

    /**
     * {@code adfkit.async-operations.*}: the client that follows 202 status URLs and the server that answers them.
     */
    public static class AsyncOperations {
        private Duration clientTimeout;
        private final Server server = new Server();

        /**
         * Creates empty settings.
         */
        public AsyncOperations() {
        }

        /**
         * @return how long the client waits for one operation; {@code null} for its default (24 hours)
         */
        public Duration getClientTimeout() {
            return clientTimeout;
        }

        /**
         * @param clientTimeout how long the client waits for one operation
         */
        public void setClientTimeout(Duration clientTimeout) {
            this.clientTimeout = clientTimeout;
        }

        /**
         * @return the server's settings
         */
        public Server getServer() {
            return server;
        }
    }

    /**
     * {@code adfkit.async-operations.server.*}: the submit/status endpoints, served when the application declares at
     * least one {@code OperationKind} bean.
     */
    public static class Server {
        private String routePrefix = "/api";
        private Duration retryAfter;
        private String operationTable;

        /**
         * Creates the defaults.
         */
        public Server() {
        }

        /**
         * @return the path before {@code /submit/{kind}} and {@code /status/{id}}; default {@code /api}
         */
        public String getRoutePrefix() {
            return routePrefix;
        }

        /**
         * @param routePrefix the path before {@code /submit/{kind}} and {@code /status/{id}}
         */
        public void setRoutePrefix(String routePrefix) {
            this.routePrefix = routePrefix;
        }

        /**
         * @return the {@code Retry-After} sent while an operation runs; {@code null} for the server's default
         */
        public Duration getRetryAfter() {
            return retryAfter;
        }

        /**
         * @param retryAfter the {@code Retry-After} sent while an operation runs
         */
        public void setRetryAfter(Duration retryAfter) {
            this.retryAfter = retryAfter;
        }

        /**
         * @return the table shared by every host that serves the same operations; {@code null} keeps them in memory
         */
        public String getOperationTable() {
            return operationTable;
        }

        /**
         * @param operationTable the operation table's name, in the {@code adfkit.tables} account (created if missing)
         */
        public void setOperationTable(String operationTable) {
            this.operationTable = operationTable;
        }
    }

    /**
     * {@code adfkit.pause-restart.*}: pause tickets and restart links. Configured when {@code restart-page-url} and
     * {@code adfkit.tables} are set.
     */
    public static class PauseRestart {
        private String restartPageUrl;
        private String tableName;
        private String pausePath = "/pause";
        private String restartPath = "/restart";
        private String pauseDataPath = "/pause-data";

        /**
         * Creates the defaults.
         */
        public PauseRestart() {
        }

        /**
         * @return the public URL of the restart page, the base of every restart link
         */
        public String getRestartPageUrl() {
            return restartPageUrl;
        }

        /**
         * @param restartPageUrl the public URL of the restart page
         */
        public void setRestartPageUrl(String restartPageUrl) {
            this.restartPageUrl = restartPageUrl;
        }

        /**
         * @return the pause table's name; {@code null} for the client's default
         */
        public String getTableName() {
            return tableName;
        }

        /**
         * @param tableName the pause table's name, in the {@code adfkit.tables} account
         */
        public void setTableName(String tableName) {
            this.tableName = tableName;
        }

        /**
         * @return where the pause endpoint is served; default {@code /pause}
         */
        public String getPausePath() {
            return pausePath;
        }

        /**
         * @param pausePath where the pause endpoint is served
         */
        public void setPausePath(String pausePath) {
            this.pausePath = pausePath;
        }

        /**
         * @return where the restart pages are served; default {@code /restart}
         */
        public String getRestartPath() {
            return restartPath;
        }

        /**
         * @param restartPath where the restart pages are served
         */
        public void setRestartPath(String restartPath) {
            this.restartPath = restartPath;
        }

        /**
         * @return where the resumed pipeline reads its data back; default {@code /pause-data}
         */
        public String getPauseDataPath() {
            return pauseDataPath;
        }

        /**
         * @param pauseDataPath where the resumed pipeline reads its data back
         */
        public void setPauseDataPath(String pauseDataPath) {
            this.pauseDataPath = pauseDataPath;
        }
    }

    /**
     * {@code adfkit.host.*}: what every endpoint served through Spring MVC shares.
     */
    public static class Host {
        private int maxBodyBytes = 1024 * 1024;

        /**
         * Creates the defaults.
         */
        public Host() {
        }

        /**
         * @return the largest request body read; larger ones are answered with 413. Default 1 MiB.
         */
        public int getMaxBodyBytes() {
            return maxBodyBytes;
        }

        /**
         * @param maxBodyBytes the largest request body read
         */
        public void setMaxBodyBytes(int maxBodyBytes) {
            this.maxBodyBytes = maxBodyBytes;
        }
    }
}
