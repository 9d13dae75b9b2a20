package dev.cissentinel.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.cissentinel.aws.AwsClients;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * Which accounts an organization scan has, from recorded ListAccounts answers (moto answers only Status): the
 * {@code State} decides when present, {@code Status} otherwise, and a listing with no ACTIVE account is an error.
 */
class TargetDiscoveryTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void activeAccounts_byStateWhenPresent_elseByStatus() {
        AwsClients clients = answering("""
                {"Accounts": [
                  {"Id": "111111111111", "State": "ACTIVE"},
                  {"Id": "222222222222", "State": "SUSPENDED", "Status": "ACTIVE"},
                  {"Id": "333333333333", "Status": "ACTIVE"},
                  {"Id": "444444444444", "State": "PENDING_CLOSURE"},
                  {"Id": "555555555555", "Status": "SUSPENDED"}
                ]}""");

        assertThat(TargetDiscovery.activeAccounts(clients, Region.EU_WEST_1))
                .containsExactly("111111111111", "333333333333");
    }

    @Test
    void noActiveAccount_isAnError_notAnEmptyScan() {
        AwsClients clients = answering("""
                {"Accounts": [{"Id": "222222222222", "State": "SUSPENDED"}]}""");

        assertThatThrownBy(() -> TargetDiscovery.activeAccounts(clients, Region.EU_WEST_1))
                .isInstanceOf(TargetDiscovery.NoAccounts.class)
                .hasMessageContaining("answered 1 account(s), none of them ACTIVE");
        assertThatThrownBy(() -> TargetDiscovery.activeAccounts(answering("{\"Accounts\": []}"), Region.EU_WEST_1))
                .isInstanceOf(TargetDiscovery.NoAccounts.class);
    }

    /** Clients whose Organizations endpoint answers every call with {@code body} (JSON 1.1, as AWS does). */
    private AwsClients answering(String body) {
        try {
            if (server != null) {
                server.stop(0);
            }
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
                exchange.sendResponseHeaders(200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            return AwsClients.builder().dummyCredentials()
                    .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort())).build();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
