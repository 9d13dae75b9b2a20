package dev.cissentinel.testing;

import dev.cissentinel.emulator.MotoServer;
import java.net.URI;
import java.util.Set;

/** The default backend: the same moto_server launcher the {@code demo} command uses. */
final class MotoEmulator implements Emulator {

    private final MotoServer server;

    MotoEmulator(MotoServer server) {
        this.server = server;
    }

    static MotoEmulator start() {
        return new MotoEmulator(MotoServer.start(System.err::println));
    }

    @Override
    public URI endpoint() {
        return server.endpoint();
    }

    @Override
    public void reset() {
        server.reset();
    }

    @Override
    public String name() {
        return "moto_server at " + server.endpoint();
    }

    @Override
    public Set<String> services() {
        return Set.of("cloudtrail", "logs", "cloudwatch", "sns", "securityhub", "sts", "s3");
    }

    @Override
    public void close() {
        server.close();
    }
}
