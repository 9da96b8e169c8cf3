/**
 * Internals of the Spring Boot starter; not a public API.
 */
package io.github.adfkit.spring.implementation;
