/**
 * The implementation of pause and restart: tokens and their hashes, the Table storage rows, the Data Factory run
 * starter, the restart pages' HTML and the rate limit. Not exported; nothing here is API.
 */
package io.github.adfkit.pauserestart.implementation;
