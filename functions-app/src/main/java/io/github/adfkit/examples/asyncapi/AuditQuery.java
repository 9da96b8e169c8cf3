package io.github.adfkit.examples.asyncapi;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import io.github.adfkit.durable.server.InvalidOperationInputException;
import io.github.adfkit.durable.server.OperationKind;
import io.github.adfkit.durable.server.OperationRequest;
import io.github.adfkit.durable.server.models.SingleFlightMode;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Seed 002's operation: count the distinct identification numbers in the {@code audit} table between two dates,
 * submitted as {@code POST /api/submit/query?s=10/10/2021&e=10/12/2021} (day first). Audit rows use the ISO date
 * ({@code 2021-10-10}) as partition key.
 */
public final class AuditQuery {
    private static final DateTimeFormatter DAY_FIRST = DateTimeFormatter.ofPattern("dd/MM/uuuu")
        .withResolverStyle(ResolverStyle.STRICT);

    private AuditQuery() {
    }

    /**
     * The validated input: an inclusive date range.
     *
     * @param start the first day
     * @param end the last day
     */
    public record DateRange(LocalDate start, LocalDate end) {
    }

    /**
     * The operation kind {@code query}: one query at a time per host set (a second one ends as Conflict).
     *
     * @param audit the audit table
     * @return the kind
     */
    public static OperationKind<DateRange> kind(TableClient audit) {
        return OperationKind.of("query", AuditQuery::validate, range -> countDistinctIds(audit, range))
            .withSingleFlight(range -> "audit", SingleFlightMode.CONFLICT)
            .withRerunAfterHostFailure(true);
    }

    /**
     * Checks {@code s} and {@code e} with the seed's messages.
     *
     * @param request the submitted parameters
     * @return the date range
     */
    public static DateRange validate(OperationRequest request) {
        LocalDate start = date(request.getQueryParameter("s"), "start");
        LocalDate end = date(request.getQueryParameter("e"), "end");
        if (end.isBefore(start)) {
            throw new InvalidOperationInputException("Invalid date range.");
        }
        return new DateRange(start, end);
    }

    private static LocalDate date(String text, String which) {
        if (text == null || text.isBlank()) {
            throw new InvalidOperationInputException("Empty " + which + " date.");
        }
        try {
            return LocalDate.parse(text, DAY_FIRST);
        } catch (DateTimeParseException e) {
            throw new InvalidOperationInputException("Invalid " + which + " date format.");
        }
    }

    private static int countDistinctIds(TableClient audit, DateRange range) {
        String filter = "PartitionKey ge '" + range.start() + "' and PartitionKey le '" + range.end()
            + "' and CertNumber ne ''";
        Set<Object> ids = new HashSet<>();
        for (TableEntity row : audit.listEntities(new ListEntitiesOptions().setFilter(filter)
            .setSelect(List.of("identificationNumber")), null, null)) {
            ids.add(row.getProperty("identificationNumber"));
        }
        return ids.size();
    }
}
