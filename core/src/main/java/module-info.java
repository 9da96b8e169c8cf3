/**
 * adfkit core: HTTP pipeline set-up, JSON, errors, backoff and clock, redaction of secrets, and the ADF WebHook
 * contract (parse the request, deliver the callback).
 */
module io.github.adfkit.core {
    requires transitive com.azure.core;
    requires com.azure.data.tables;
    requires com.azure.core.http.jdk.httpclient;
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires transitive jdk.httpserver;
    requires static azure.functions.java.core.library;

    exports io.github.adfkit.core;
    exports io.github.adfkit.core.models;
    exports io.github.adfkit.core.host;
    exports io.github.adfkit.core.implementation
        to io.github.adfkit.aci, io.github.adfkit.durable, io.github.adfkit.pauserestart;

    opens io.github.adfkit.core.models to com.fasterxml.jackson.databind;
}
