/**
 * Internals of the asynchronous-operation client: the polling state machine shared by the synchronous poller, the
 * {@code PollerFlux} and the watcher, and the code that sends and waits. Not part of the API: no compatibility
 * guarantee, do not use directly.
 */
package io.github.adfkit.durable.implementation;
