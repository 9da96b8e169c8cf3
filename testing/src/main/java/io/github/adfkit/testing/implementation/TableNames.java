package io.github.adfkit.testing.implementation;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Table names for tests: Azure requires 3 to 63 alphanumeric characters starting with a letter.
 */
public final class TableNames {
    /** The longest prefix accepted, leaving room for the unique suffix. */
    public static final int MAX_PREFIX_LENGTH = 40;

    private static final Pattern VALID_PREFIX = Pattern.compile("[A-Za-z][A-Za-z0-9]{0," + (MAX_PREFIX_LENGTH - 1)
        + "}");
    private static final int SUFFIX_LENGTH = 16;

    private TableNames() {
    }

    /**
     * Whether a prefix can start a table name.
     *
     * @param prefix the candidate
     * @return true if it is 1 to 40 letters and digits starting with a letter
     */
    public static boolean isValidPrefix(String prefix) {
        return prefix != null && VALID_PREFIX.matcher(prefix).matches();
    }

    /**
     * Turns free text (a test method's name, say) into a valid prefix by dropping what a table name cannot hold.
     *
     * @param text any text
     * @return a valid prefix
     */
    public static String prefixFrom(String text) {
        String alphanumeric = text == null ? "" : text.replaceAll("[^A-Za-z0-9]", "");
        String prefix = alphanumeric.isEmpty() || !Character.isLetter(alphanumeric.charAt(0))
            ? "t" + alphanumeric : alphanumeric;
        return prefix.substring(0, Math.min(prefix.length(), MAX_PREFIX_LENGTH));
    }

    /**
     * A fresh table name: the prefix and 16 random hex digits (64 random bits, so names do not repeat).
     *
     * @param prefix a valid prefix
     * @return the unique name
     */
    public static String unique(String prefix) {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, SUFFIX_LENGTH);
        return prefix + suffix.toLowerCase(Locale.ROOT);
    }
}
