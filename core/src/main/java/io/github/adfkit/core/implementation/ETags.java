package io.github.adfkit.core.implementation;

/**
 * Storage ETags as they travel in HTTP headers.
 */
public final class ETags {
    private ETags() {
    }

    /**
     * Restores the closing quote of an ETag that arrived without it. Azurite (3.37) sends the {@code ETag} header of
     * a Table write as {@code W/"datetime'...'} while the entity's {@code odata.etag} is whole, and answers an
     * {@code If-Match} with the unbalanced value with 400; with the quote restored the value works against both
     * Azurite and Azure. A balanced value, or {@code null}, is returned unchanged.
     *
     * @param eTag the header value, or {@code null}
     * @return the value with balanced quotes, or {@code null}
     */
    public static String repair(String eTag) {
        boolean unbalanced = eTag != null && eTag.chars().filter(c -> c == '"').count() % 2 == 1;
        return unbalanced ? eTag + '"' : eTag;
    }
}
