/** TODO: describe io.github.adfkit.durable.server.implementation. */
package io.github.adfkit.durable.server.implementation;
