package dev.cissentinel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code scan --organization} when ListAccounts answers no ACTIVE account (a recorded answer with only a suspended
 * one): exit 1 and a line saying nothing was scanned, never exit 0 for a scan of nothing.
 */
class ScanCommandEmptyOrganizationTest {

    @Test
    void noActiveAccount_exitsOne_sayingSo() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"Accounts\": [{\"Id\": \"222222222222\", \"State\": \"SUSPENDED\"}]}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        List<String> properties = List.of("aws.endpointUrl", "aws.accessKeyId", "aws.secretAccessKey");
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setProperty("aws.endpointUrl", "http://127.0.0.1:" + server.getAddress().getPort());
            System.setProperty("aws.accessKeyId", "testing");
            System.setProperty("aws.secretAccessKey", "testing");
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));

            int exit = Main.execute("scan", "--region", "us-east-1", "--no-publish", "--organization",
                    "--role-name", "cis-sentinel-member", "--quiet");

            assertThat(exit).isEqualTo(ExitCode.FAILED);
            assertThat(err.toString(StandardCharsets.UTF_8))
                    .contains("organizations:ListAccounts answered 1 account(s), none of them ACTIVE");
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
            properties.forEach(System::clearProperty);
            server.stop(0);
        }
    }
}
