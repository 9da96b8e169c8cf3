/**
 * Internals of the asynchronous operation server: the record stores (in memory, Azure Table), operation records,
 * single-flight leases, the supervisor that runs operations, renews their leases and sweeps dead hosts'
 * operations, and the HTTP endpoints. Not public API.
 */
package io.github.adfkit.durable.server.implementation;
