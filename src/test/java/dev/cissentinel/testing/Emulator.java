package dev.cissentinel.testing;

import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/** An AWS emulator the integration tests talk to over HTTP with the real SDK. */
public interface Emulator extends AutoCloseable {

    /** What {@code AWS_ENDPOINT_URL} would be set to. */
    URI endpoint();

    /** Forgets all state, so each test class starts from an empty account. */
    void reset();

    String name();

    /** The services this emulator implements well enough for our tests. */
    Set<String> services();

    /** Skips (never fails) the calling test when this emulator lacks a service, saying which. */
    default void assumeSupports(String... services) {
        for (String service : services) {
            Assumptions.assumeTrue(services().contains(service),
                    () -> name() + " does not implement " + service + "; this test runs on moto (the default)");
        }
    }

    @Override
    void close();
}
