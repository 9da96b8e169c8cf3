package io.github.adfkit.aci;

import io.github.adfkit.core.CallbackUriPolicy;
import io.github.adfkit.testing.callback.AdfCallbackReceiver;
import org.junit.jupiter.api.AfterEach;

import java.time.Duration;

/**
 * What the tests of several hosts on one job table share: the ACI fake on its manual clock, the fake ADF callback
 * endpoint, the lease, and how long a step may take to settle on the real clock.
 */
abstract class SharedJobTableHosts {
    static final CallbackUriPolicy LOOPBACK = CallbackUriPolicy.dataFactoryDefaults().allowLoopbackForTesting();
    static final Duration LEASE = Duration.ofMinutes(1);
    static final Duration SETTLE = Duration.ofMillis(300);

    final FakeAci fake = new FakeAci();
    final AdfCallbackReceiver adf = new AdfCallbackReceiver().start();

    @AfterEach
    void close() {
        adf.close();
        fake.close();
    }
}
