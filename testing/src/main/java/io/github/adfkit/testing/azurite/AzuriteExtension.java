package io.github.adfkit.testing.azurite;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import io.github.adfkit.testing.implementation.TableNames;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.lang.reflect.Method;
import java.util.Set;

/**
 * JUnit 5 extension that injects Azurite into test constructors and methods.
 *
 * <p>Supported parameter types:</p>
 * <ul>
 *   <li>{@link AzuriteTableService}: this JVM's Azurite (started on first use);</li>
 *   <li>{@link TableServiceClient}: a client for its Table service;</li>
 *   <li>{@link TableClient}: a new, empty table with a unique name, one per parameter, named after the test.</li>
 * </ul>
 *
 * <pre>{@code
 * @ExtendWith(AzuriteExtension.class)
 * class OrderStoreTest {
 *     @Test
 *     void storesAnOrder(TableClient table) { ... }
 * }
 * }</pre>
 */
public final class AzuriteExtension implements ParameterResolver {
    private static final Set<Class<?>> SUPPORTED =
        Set.of(AzuriteTableService.class, TableServiceClient.class, TableClient.class);

    /**
     * Creates the extension; JUnit calls this for {@code @ExtendWith(AzuriteExtension.class)}.
     */
    public AzuriteExtension() {
    }

    /**
     * Whether the parameter is one this extension provides.
     *
     * @param parameterContext the parameter
     * @param extensionContext the test
     * @return true for {@link AzuriteTableService}, {@link TableServiceClient} and {@link TableClient}
     */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return SUPPORTED.contains(parameterContext.getParameter().getType());
    }

    /**
     * Provides the parameter, starting Azurite if this is its first use in the JVM.
     *
     * @param parameterContext the parameter
     * @param extensionContext the test
     * @return the service, its client, or a new table
     * @throws AzuriteUnavailableException if Azurite cannot be started (JUnit reports it as the test's failure)
     */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        AzuriteTableService azurite = AzuriteTableService.shared();
        Class<?> type = parameterContext.getParameter().getType();
        if (type == TableClient.class) {
            return azurite.newTable(TableNames.prefixFrom(testName(extensionContext)));
        }
        return type == TableServiceClient.class ? azurite.tableServiceClient() : azurite;
    }

    private static String testName(ExtensionContext context) {
        return context.getTestMethod().map(Method::getName)
            .orElseGet(() -> context.getRequiredTestClass().getSimpleName());
    }
}
