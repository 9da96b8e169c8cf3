package io.github.adfkit.testing.faults;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The request line of a request that reached a {@link FaultProxy}, which scripted faults match on.
 *
 * <pre>{@code
 * proxy.injectNext(1, ProxiedRequest.methodAndPath("POST", "/devstoreaccount1/jobs.*"), FaultAction.resetAfter());
 * }</pre>
 *
 * @param method the HTTP method, upper case, for example {@code POST}
 * @param target the path and query as sent, for example {@code /devstoreaccount1/Tables?$format=json}
 */
public record ProxiedRequest(String method, String target) {
    /**
     * Checks the fields.
     *
     * @param method the HTTP method
     * @param target the path and query
     * @throws NullPointerException if either is null
     */
    public ProxiedRequest {
        Objects.requireNonNull(method, "'method' cannot be null.");
        Objects.requireNonNull(target, "'target' cannot be null.");
    }

    /**
     * The path, without the query.
     *
     * @return for example {@code /devstoreaccount1/Tables}
     */
    public String path() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    /**
     * Matches every request.
     *
     * @return the predicate
     */
    public static Predicate<ProxiedRequest> any() {
        return request -> true;
    }

    /**
     * Matches requests with this method.
     *
     * @param method the method, in any case, for example {@code "post"}
     * @return the predicate
     */
    public static Predicate<ProxiedRequest> method(String method) {
        String wanted = Objects.requireNonNull(method, "'method' cannot be null.").toUpperCase(Locale.ROOT);
        return request -> request.method().equals(wanted);
    }

    /**
     * Matches requests with this method whose whole {@link #path()} matches a regular expression.
     *
     * @param method the method, in any case
     * @param pathRegex the regular expression, for example {@code "/devstoreaccount1/jobs.*"}
     * @return the predicate
     */
    public static Predicate<ProxiedRequest> methodAndPath(String method, String pathRegex) {
        Pattern path = Pattern.compile(Objects.requireNonNull(pathRegex, "'pathRegex' cannot be null."));
        return method(method).and(request -> path.matcher(request.path()).matches());
    }
}
