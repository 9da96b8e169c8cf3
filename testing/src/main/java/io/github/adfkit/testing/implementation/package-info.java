/**
 * Internal helpers of adfkit-testing. Not part of the public API: anything here may change without notice.
 */
package io.github.adfkit.testing.implementation;
