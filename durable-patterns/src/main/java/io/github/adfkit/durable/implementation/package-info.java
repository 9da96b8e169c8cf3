/** TODO: describe io.github.adfkit.durable.implementation. */
package io.github.adfkit.durable.implementation;
