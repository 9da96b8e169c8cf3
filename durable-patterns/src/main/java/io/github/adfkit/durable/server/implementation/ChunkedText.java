package io.github.adfkit.durable.server.implementation;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Long text in Table storage properties. A Table property holds at most 64 KiB (32,000 UTF-16 characters here); a
 * longer text is split over numbered properties of the same row ({@code Result_0}, {@code Result_1}, ... with
 * {@code Result_Chunks}) and joined again on read. Text that does not fit in {@value #MAX_CHUNKS} chunks is refused
 * with {@link RecordTooLargeException}, never cut.
 */
final class ChunkedText {
    /** The most characters kept in one Table property. */
    static final int MAX_CHARS_PER_PROPERTY = 32_000;
    /** The most properties one text value is split over (the row stays below Table storage's 1 MiB). */
    static final int MAX_CHUNKS = 14;

    private static final String CHUNKS_SUFFIX = "_Chunks";
    private static final String CHUNK_SEPARATOR = "_";

    private ChunkedText() {
    }

    /**
     * @param name the property name
     * @param text the text, or {@code null} to remove it
     * @return the property changes that store it
     * @throws RecordTooLargeException if it does not fit
     */
    static Map<String, Object> write(String name, String text) {
        Map<String, Object> changes = new LinkedHashMap<>();
        if (text == null || text.length() <= MAX_CHARS_PER_PROPERTY) {
            changes.put(name, text);
            changes.put(name + CHUNKS_SUFFIX, null);
            return changes;
        }
        int chunks = (text.length() + MAX_CHARS_PER_PROPERTY - 1) / MAX_CHARS_PER_PROPERTY;
        if (chunks > MAX_CHUNKS) {
            throw new RecordTooLargeException(name.toLowerCase(Locale.ROOT), text.length(),
                (long) MAX_CHUNKS * MAX_CHARS_PER_PROPERTY);
        }
        changes.put(name, null);
        for (int i = 0; i < chunks; i++) {
            int start = i * MAX_CHARS_PER_PROPERTY;
            changes.put(name + CHUNK_SEPARATOR + i,
                text.substring(start, Math.min(text.length(), start + MAX_CHARS_PER_PROPERTY)));
        }
        changes.put(name + CHUNKS_SUFFIX, chunks);
        return changes;
    }

    /**
     * @param properties a row's properties
     * @param name the property name
     * @return the text, joined from its chunks if it was split, or {@code null}
     */
    static String read(Map<String, Object> properties, String name) {
        Object chunks = properties.get(name + CHUNKS_SUFFIX);
        if (!(chunks instanceof Number count)) {
            Object value = properties.get(name);
            return value == null ? null : value.toString();
        }
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < count.intValue(); i++) {
            joined.append(properties.get(name + CHUNK_SEPARATOR + i));
        }
        return joined.toString();
    }
}
