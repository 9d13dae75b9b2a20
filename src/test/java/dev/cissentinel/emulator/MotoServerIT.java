package dev.cissentinel.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The launcher starts a server that answers, and stopping it leaves no process behind. */
class MotoServerIT {

    @Test
    void startsAnswersAndLeavesNoProcessWhenClosed() throws IOException {
        List<String> notices = new ArrayList<>();
        MotoServer server = MotoServer.start(notices::add);
        long pid = server.pid();
        List<ProcessHandle> tree = new ArrayList<>(ProcessHandle.of(pid).orElseThrow().descendants().toList());
        HttpURLConnection connection =
                (HttpURLConnection) server.endpoint().resolve("/moto-api/").toURL().openConnection();
        assertThat(connection.getResponseCode()).isEqualTo(200);
        connection.disconnect();
        assertThat(server.endpoint().getHost()).isEqualTo("127.0.0.1");

        server.close();

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
        assertThat(tree).noneMatch(ProcessHandle::isAlive);
        assertThatThrownBy(() -> server.endpoint().resolve("/moto-api/").toURL().openConnection().connect())
                .isInstanceOf(IOException.class);
    }
}
