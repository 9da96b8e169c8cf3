/** TODO: describe io.github.adfkit.durable.server.models. */
package io.github.adfkit.durable.server.models;
