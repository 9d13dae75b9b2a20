package dev.cissentinel.confirm;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client that answers every request with one recorded AWS response (JSON 1.1, from
 * {@code src/test/resources/confirm/recorded}) and keeps what was sent, so a test sees both sides of the exchange
 * through the real SDK's marshalling and unmarshalling.
 */
final class RecordedExchange implements SdkHttpClient {

    private final int status;
    private final byte[] body;
    private final List<String> sent = new ArrayList<>();

    private RecordedExchange(int status, byte[] body) {
        this.status = status;
        this.body = body;
    }

    static RecordedExchange of(int status, String file) {
        String path = "confirm/recorded/" + file;
        try (InputStream in = RecordedExchange.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new RecordedExchange(status, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request bodies sent so far. */
    List<String> sent() {
        return List.copyOf(sent);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                if (request.contentStreamProvider().isPresent()) {
                    try (InputStream content = request.contentStreamProvider().get().newStream()) {
                        sent.add(new String(content.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(status)
                                .putHeader("Content-Type", "application/x-amz-json-1.1")
                                .putHeader("Content-Length", Integer.toString(body.length)).build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body)))
                        .build();
            }

            @Override
            public void abort() {
            }
        };
    }

    @Override
    public String clientName() {
        return "recorded-exchange";
    }

    @Override
    public void close() {
    }
}
