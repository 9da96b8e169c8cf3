/**
 * adfkit ACI: container jobs on Azure Container Instances. Launch, watch for hours without a thread per job, collect
 * events and logs, clean up, and call ADF back.
 */
module io.github.adfkit.aci {
    requires transitive io.github.adfkit.core;
    requires transitive com.azure.data.tables;

    exports io.github.adfkit.aci;
    exports io.github.adfkit.aci.models;
}
