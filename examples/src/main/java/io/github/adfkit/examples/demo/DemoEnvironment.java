package io.github.adfkit.examples.demo;

import com.azure.data.tables.TableClient;
import io.github.adfkit.aci.ContainerJobClientBuilder;
import io.github.adfkit.core.CallbackUriPolicy;
import io.github.adfkit.pauserestart.PauseRestartClientBuilder;

/**
 * Where {@link DemoHost} finds its Azure services: loopback fakes and Azurite ({@link LocalEnvironment}) or real
 * Azure ({@link LiveEnvironment}). The host decides what to build; the environment says where it runs.
 */
public interface DemoEnvironment extends AutoCloseable {
    /**
     * @return the table the seed's audit query counts in
     */
    TableClient auditTable();

    /**
     * @param name a table name (letters and digits)
     * @return a client for that table, which exists when this returns
     */
    TableClient table(String name);

    /**
     * @return a builder that reaches Azure Container Instances: endpoint, identity, subscription, callback client
     */
    ContainerJobClientBuilder containerJobs();

    /**
     * @return a builder that reaches Data Factory; the host adds the table and the restart page
     */
    PauseRestartClientBuilder pauses();

    /**
     * @return which callBackUri hosts the WebHook endpoint accepts
     */
    CallbackUriPolicy callbackUriPolicy();

    /**
     * @return the resource group container jobs are created in
     */
    String resourceGroup();

    /**
     * @return the Azure region container jobs run in
     */
    String location();

    /**
     * @return the key pipelines send in {@code x-functions-key} to pause and to read pause data
     */
    String pipelineKey();

    /**
     * Stops what this environment started.
     */
    @Override
    void close();
}
