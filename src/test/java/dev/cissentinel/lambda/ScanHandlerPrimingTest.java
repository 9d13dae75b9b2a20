package dev.cissentinel.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cissentinel.aws.CallRecorder;
import dev.cissentinel.scan.AwsActions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SnapStart's hook primes the invocation's code paths and sends nothing anywhere. */
class ScanHandlerPrimingTest {

    @Test
    void beforeCheckpoint_endpointListening_primesWithoutConnecting() throws Exception {
        try (ServerSocketChannel endpoint = ServerSocketChannel.open()) {
            endpoint.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            endpoint.configureBlocking(false);
            int port = ((InetSocketAddress) endpoint.getLocalAddress()).getPort();
            System.setProperty("aws.endpointUrl", "http://127.0.0.1:" + port);
            try {
                ScanHandler handler = new ScanHandler(Map.of("AWS_REGION", "eu-west-1"), RecordingMetrics::new);

                handler.beforeCheckpoint(null);
                handler.afterRestore(null);

                assertThat(endpoint.accept()).as("a connection to the AWS endpoint").isNull();
            } finally {
                System.clearProperty("aws.endpointUrl");
            }
        }
    }

    @Test
    void prime_defaultConfig_buildsOneRequestForEveryReadAndPublishAction() {
        CallRecorder sent = new CallRecorder();

        SnapStartPriming.prime(HandlerConfig.from(Map.of("AWS_REGION", "eu-west-1")), sent);

        assertThat(sent.counts().keySet()).as("actions primed; a declared action needs a request in SnapStartPriming")
                .containsExactlyInAnyOrderElementsOf(AwsActions.scan(false));
    }

    @Test
    void prime_confirmWithAws_primesAwsFilterEvaluatorToo() {
        CallRecorder sent = new CallRecorder();

        SnapStartPriming.prime(HandlerConfig.from(Map.of("AWS_REGION", "eu-west-1", "CONFIRM_WITH_AWS", "true")),
                sent);

        assertThat(sent.counts().keySet()).containsExactlyInAnyOrderElementsOf(AwsActions.scan(true))
                .contains("logs:TestMetricFilter");
    }
}
