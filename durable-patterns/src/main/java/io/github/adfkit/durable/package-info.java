/** TODO: describe io.github.adfkit.durable. */
package io.github.adfkit.durable;
