/**
 * The server side of asynchronous HTTP operations: {@link io.github.adfkit.durable.server.AsyncOperationServer}
 * serves submit, status and cancel endpoints for the {@link io.github.adfkit.durable.server.OperationKind}s you
 * register, keeps operations in memory or in an Azure Table
 * ({@link io.github.adfkit.durable.server.AsyncOperationServerBuilder#tableClient}), runs one operation at a time per key where asked (single-flight), and notices hosts that died.
 * The status endpoint shows {@code {"id", "status", "result", "error"}} and nothing else.
 */
package io.github.adfkit.durable.server;
