package dev.cissentinel.testing;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Fails every call of one IAM action as AWS does when the policy lacks it: an {@link AwsServiceException} with
 * status 400 and error code {@code AccessDeniedException}, before anything is sent.
 */
public final class DeniedCall implements ExecutionInterceptor {

    private final String action;

    private DeniedCall(String action) {
        this.action = action;
    }

    /** Denies {@code action}, e.g. {@code logs:DescribeMetricFilters}. */
    public static DeniedCall of(String action) {
        return new DeniedCall(action);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (CallLog.action(attributes).equals(action)) {
            throw AwsServiceException.builder().statusCode(400)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException")
                            .errorMessage("User: arn:aws:iam::" + TestAccount.ACCOUNT_ID
                                    + ":user/scanner is not authorized to perform: " + action)
                            .build())
                    .build();
        }
    }
}
