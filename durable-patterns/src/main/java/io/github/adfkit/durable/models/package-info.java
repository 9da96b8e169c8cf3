/** TODO: describe io.github.adfkit.durable.models. */
package io.github.adfkit.durable.models;
