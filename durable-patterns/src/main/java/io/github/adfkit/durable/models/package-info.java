/**
 * Models of asynchronous HTTP operations: the start request
 * ({@link io.github.adfkit.durable.models.BeginOperationOptions}), the status read from a status URL
 * ({@link io.github.adfkit.durable.models.OperationStatus} with its Durable Functions and status-monitor views), the
 * expandable state ({@link io.github.adfkit.durable.models.OperationRuntimeStatus}) and the re-submit policy and its
 * report.
 */
package io.github.adfkit.durable.models;
