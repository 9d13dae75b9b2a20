package dev.cissentinel.testing;

import dev.cissentinel.aws.AwsClients;
import java.net.URI;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.regions.Region;

/**
 * Starts ONE emulator per test run (moto_server by default, LocalStack with {@code -Demulator=localstack}),
 * resets it before each test class, stops it when the run ends, and injects {@link Emulator},
 * {@link AwsClients} and {@link TestAccount} parameters.
 *
 * <p>The emulator lives in the root store, which JUnit closes at the end of the run, failed or not; the
 * launcher's shutdown hook covers a JVM that dies first. Clients point at the emulator exactly as
 * {@code AWS_ENDPOINT_URL} would, with region {@code us-east-1} and dummy credentials.
 */
public final class EmulatorExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    public static final Region REGION = Region.US_EAST_1;

    private static final Namespace NAMESPACE = Namespace.create(EmulatorExtension.class);

    /**
     * Starts the emulator on first use and resets it once per test class, before the class's {@code @BeforeAll}
     * (which may seed it). Without an emulator (LocalStack and no Docker) this does nothing: {@link #beforeEach}
     * then reports each test skipped with the reason, rather than hiding the class.
     */
    @Override
    public void beforeAll(ExtensionContext context) {
        try {
            resetOnce(context, emulator(context));
        } catch (org.opentest4j.TestAbortedException unavailable) {
            // Reported per test by beforeEach.
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        resetOnce(context, emulator(context));
    }

    private static void resetOnce(ExtensionContext context, Emulator emulator) {
        classContext(context).getStore(NAMESPACE).getOrComputeIfAbsent("reset", key -> {
            emulator.reset();
            return Boolean.TRUE;
        }, Boolean.class);
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    /** The run's emulator, started on first use. */
    public static Emulator emulator(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("emulator", key -> start(), Emulator.class);
    }

    private static Emulator start() {
        String backend = System.getProperty("emulator", "moto");
        switch (backend) {
            case "moto":
                return MotoEmulator.start();
            case "localstack":
                return LocalStackEmulator.start();
            default:
                throw new IllegalArgumentException("-Demulator must be moto or localstack, not " + backend);
        }
    }

    /** Clients for the emulator: what production builds, with the endpoint override and dummy keys. */
    public static AwsClients clientsFor(URI endpoint) {
        return AwsClients.builder().endpointOverride(endpoint).dummyCredentials().build();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Emulator.class || type == AwsClients.class || type == TestAccount.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        Emulator emulator = emulator(context);
        if (type == Emulator.class) {
            return emulator;
        }
        // One client set per test class; closed with the class's store.
        AwsClients clients = classContext(context).getStore(NAMESPACE)
                .getOrComputeIfAbsent("clients", key -> clientsFor(emulator.endpoint()), AwsClients.class);
        return type == AwsClients.class ? clients : new TestAccount(clients, REGION, emulator);
    }
}
