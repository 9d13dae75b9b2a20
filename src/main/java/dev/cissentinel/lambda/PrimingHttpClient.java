package dev.cissentinel.lambda;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The HTTP client of SnapStart's priming: answers every request from memory, never opening a socket, so the
 * SDK's response parsing (the JDK's XML parser for the query-protocol services, the JSON unmarshallers, Security
 * Hub's ASFF model as {@code GetFindings} returns it) is loaded and run before the snapshot as well. Answers are
 * the smallest well-formed ones: {@code {}} for the JSON services, an empty result for the query ones, one stored
 * finding (with the {@code Other} resource details the function writes) for {@code GetFindings}.
 */
final class PrimingHttpClient implements SdkHttpClient {

    private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([A-Za-z]+)");
    private static final String ACCOUNT = "000000000000";
    private static final String FINDINGS = "{\"Findings\":[{\"SchemaVersion\":\"2018-10-08\",\"Id\":\"priming\","
            + "\"ProductArn\":\"arn:aws:securityhub:us-east-1:" + ACCOUNT + ":product/" + ACCOUNT + "/default\","
            + "\"GeneratorId\":\"priming\",\"AwsAccountId\":\"" + ACCOUNT + "\",\"Types\":[\"Software and "
            + "Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark\"],"
            + "\"CreatedAt\":\"2026-01-01T00:00:00.000Z\",\"UpdatedAt\":\"2026-01-01T00:00:00.000Z\","
            + "\"Severity\":{\"Label\":\"INFORMATIONAL\"},\"Title\":\"priming\",\"Description\":\"priming\","
            + "\"Resources\":[{\"Type\":\"Other\",\"Id\":\"priming\",\"Region\":\"us-east-1\",\"Details\":{\"Other\":"
            + "{\"kind\":\"priming\"}}}],\"Compliance\":{\"Status\":\"PASSED\"},\"RecordState\":\"ACTIVE\","
            + "\"Workflow\":{\"Status\":\"NEW\"},\"ProductFields\":{\"priming\":\"true\"}}]}";

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                return answer(request);
            }

            @Override
            public void abort() {
            }
        };
    }

    private static HttpExecuteResponse answer(HttpExecuteRequest request) throws IOException {
        String body = "";
        Optional<software.amazon.awssdk.http.ContentStreamProvider> content = request.contentStreamProvider();
        if (content.isPresent()) {
            try (InputStream in = content.get().newStream()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        Matcher action = ACTION.matcher(body);
        String answer;
        String type;
        if (action.find()) {
            String name = action.group(1);
            answer = "<" + name + "Response><" + name + "Result>" + (name.equals("GetCallerIdentity")
                    ? "<Arn>arn:aws:iam::" + ACCOUNT + ":root</Arn><UserId>" + ACCOUNT + "</UserId><Account>" + ACCOUNT
                    + "</Account>" : "") + "</" + name + "Result><ResponseMetadata><RequestId>priming</RequestId>"
                    + "</ResponseMetadata></" + name + "Response>";
            type = "text/xml";
        } else {
            answer = request.httpRequest().encodedPath().equals("/findings") ? FINDINGS : "{}";
            type = "application/json";
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        return HttpExecuteResponse.builder()
                .response(SdkHttpResponse.builder().statusCode(200).putHeader("Content-Type", type)
                        .putHeader("Content-Length", Integer.toString(bytes.length))
                        .putHeader("x-amzn-RequestId", "priming").build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes))).build();
    }

    @Override
    public void close() {
    }
}
