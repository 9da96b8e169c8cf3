/**
 * Asynchronous HTTP operations, client side: start an operation and follow its 202 status URL to a typed result
 * ({@link io.github.adfkit.durable.AsyncOperationClient}, {@link io.github.adfkit.durable.AsyncOperationAsyncClient}),
 * re-submit it while its output says it could not proceed, and watch thousands of running operations on a few
 * threads ({@link io.github.adfkit.durable.OperationWatcher}). Built by
 * {@link io.github.adfkit.durable.AsyncOperationClientBuilder}.
 */
package io.github.adfkit.durable;
