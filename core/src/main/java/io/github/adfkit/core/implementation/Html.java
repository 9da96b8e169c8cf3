package io.github.adfkit.core.implementation;

/**
 * HTML escaping for text and attribute values: every character that could end a text node or an attribute is
 * replaced by its entity.
 */
public final class Html {
    private Html() {
    }

    /**
     * @param text any text; {@code null} becomes the empty string
     * @return the text, safe inside an element or a double- or single-quoted attribute
     */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '`' -> out.append("&#96;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
