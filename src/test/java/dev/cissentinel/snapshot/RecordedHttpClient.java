package dev.cissentinel.snapshot;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client that answers every request with one response body from the test classpath, so the real SDK
 * unmarshals an AWS wire-format response (JSON or XML) into its model objects without any network.
 */
final class RecordedHttpClient implements SdkHttpClient {

    private final byte[] body;
    private final String contentType;

    private RecordedHttpClient(byte[] body, String contentType) {
        this.body = body;
        this.contentType = contentType;
    }

    /** The resource at {@code path} (under {@code src/test/resources}), served with status 200. */
    static RecordedHttpClient of(String path) {
        try (InputStream in = RecordedHttpClient.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new RecordedHttpClient(in.readAllBytes(),
                    path.endsWith(".xml") ? "text/xml" : "application/x-amz-json-1.1");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                return HttpExecuteResponse.builder()
                        .response(SdkHttpResponse.builder().statusCode(200).putHeader("Content-Type", contentType)
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
        return "recorded";
    }

    @Override
    public void close() {
    }
}
