/**
 * Value types of the asynchronous operation server, such as the
 * {@link io.github.adfkit.durable.server.models.SingleFlightMode} of an operation kind.
 */
package io.github.adfkit.durable.server.models;
