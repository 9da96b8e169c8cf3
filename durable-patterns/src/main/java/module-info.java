/**
 * adfkit durable patterns: the client that follows 202 status URLs to a typed result, and the server side that
 * serves submit/status endpoints over an operation store.
 */
module io.github.adfkit.durable {
    requires transitive io.github.adfkit.core;
    requires transitive com.azure.data.tables;

    exports io.github.adfkit.durable;
    exports io.github.adfkit.durable.models;
    exports io.github.adfkit.durable.server;
    exports io.github.adfkit.durable.server.models;

    opens io.github.adfkit.durable.models to com.fasterxml.jackson.databind, com.azure.core;
    opens io.github.adfkit.durable.implementation to com.fasterxml.jackson.databind;
    opens io.github.adfkit.durable.server.models to com.fasterxml.jackson.databind;
    opens io.github.adfkit.durable.server.implementation to com.fasterxml.jackson.databind;
}
