package io.github.adfkit.aci;

import org.junit.jupiter.api.AfterEach;

/**
 * Tests of one {@link ContainerJobClient} on the ACI fake: each test gets a fresh fake and client, and both are
 * closed after it.
 */
abstract class OnFakeAci {
    final FakeAci fake = new FakeAci();
    final ContainerJobClient client = fake.builder().buildClient();

    @AfterEach
    void closeClientAndFake() {
        client.getWatcher().close();
        fake.close();
    }
}
