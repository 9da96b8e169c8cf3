package io.github.adfkit.core.implementation;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Reads one field of an {@code application/x-www-form-urlencoded} body.
 */
public final class FormBody {
    private FormBody() {
    }

    /**
     * @param body the body text
     * @param name the field name
     * @return the field's first decoded value, or {@code null} if absent or not decodable
     */
    public static String field(String body, String name) {
        if (body == null || body.isEmpty()) {
            return null;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (name.equals(key)) {
                try {
                    return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException badEscape) {
                    return null;
                }
            }
        }
        return null;
    }
}
