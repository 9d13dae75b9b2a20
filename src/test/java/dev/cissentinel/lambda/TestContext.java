package dev.cissentinel.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/** A Lambda context with fixed values, as the runtime would pass one. */
final class TestContext implements Context {

    @Override
    public String getAwsRequestId() {
        return "6bc28136-a2a1-4b0d-8bd1-7a2a1e1c2d3e";
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/cis-sentinel";
    }

    @Override
    public String getLogStreamName() {
        return "2026/11/25/[$LATEST]0123456789abcdef";
    }

    @Override
    public String getFunctionName() {
        return "cis-sentinel";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:123456789012:function:cis-sentinel";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return 300_000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.println(message);
            }

            @Override
            public void log(byte[] message) {
                System.out.println(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
