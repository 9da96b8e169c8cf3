package io.github.adfkit.durable.server;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Seed 002's operation for tests: {@code ?s=10/10/2021&e=10/12/2021} (day first), validated with the seed's
 * messages. The work waits until the test releases it, then returns the seed's answer, 119.
 */
final class SeedQuery {
    static final int SEED_RESULT = 119;
    private static final DateTimeFormatter DAY_FIRST = DateTimeFormatter.ofPattern("dd/MM/uuuu")
        .withResolverStyle(ResolverStyle.STRICT);

    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger interrupted = new AtomicInteger();

    record DateRange(LocalDate start, LocalDate end) {
    }

    OperationKind<DateRange> kind() {
        return OperationKind.of("query", SeedQuery::validate, range -> {
            started.incrementAndGet();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new OperationFailedException("The test never released the work.");
                }
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                throw e;
            }
            return SEED_RESULT;
        });
    }

    static DateRange validate(OperationRequest request) {
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
}
