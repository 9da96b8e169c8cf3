/** TODO: describe io.github.adfkit.durable.server. */
package io.github.adfkit.durable.server;
