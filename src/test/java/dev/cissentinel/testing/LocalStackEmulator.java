package dev.cissentinel.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The second backend ({@code -Demulator=localstack}): LocalStack in a container via Testcontainers.
 *
 * <p>Pinned to a tag from before LocalStack required an auth token for its free image. Its free edition has
 * no CloudTrail and no Security Hub, so tests that need them are skipped on this backend.
 */
final class LocalStackEmulator implements Emulator {

    static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.4.0");

    private final LocalStackContainer container;

    private LocalStackEmulator(LocalStackContainer container) {
        this.container = container;
    }

    static LocalStackEmulator start() {
        Assumptions.assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
                "-Demulator=localstack needs a Docker engine and none is reachable here; tests skipped");
        LocalStackContainer container = new LocalStackContainer(IMAGE).withServices("logs", "cloudwatch", "sns",
                "sts", "s3");
        container.start();
        return new LocalStackEmulator(container);
    }

    @Override
    public URI endpoint() {
        return container.getEndpoint();
    }

    @Override
    public void reset() {
        // Community LocalStack's internal state-reset endpoint.
        try {
            HttpURLConnection connection =
                    (HttpURLConnection) endpoint().resolve("/_localstack/state/reset").toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.getResponseCode();
            connection.disconnect();
        } catch (IOException e) {
            throw new UncheckedIOException("could not reset LocalStack", e);
        }
    }

    @Override
    public String name() {
        return "LocalStack " + IMAGE.getVersionPart();
    }

    @Override
    public Set<String> services() {
        return Set.of("logs", "cloudwatch", "sns", "sts", "s3");
    }

    @Override
    public void close() {
        container.stop();
    }
}
