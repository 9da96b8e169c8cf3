/**
 * adfkit pause-restart: pause a Data Factory pipeline, resume it with a single-use token link.
 */
module io.github.adfkit.pauserestart {
    requires transitive io.github.adfkit.core;
    requires transitive com.azure.data.tables;
    requires transitive com.azure.resourcemanager.datafactory;
    requires transitive com.azure.core.management;

    exports io.github.adfkit.pauserestart;
    exports io.github.adfkit.pauserestart.models;
}
