package dev.cissentinel.lambda;

import dev.cissentinel.aws.AwsClients;
import dev.cissentinel.aws.CallRecorder;
import dev.cissentinel.scan.AwsPorts;
import java.time.Clock;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The function's SDK clients, configured as AWS advises for a Lambda's start-up
 * (https://docs.aws.amazon.com/sdk-for-java/latest/developer-guide/lambda-optimize-starttime.html): the region
 * given (the function's {@code AWS_REGION}, never looked up), credentials from where Lambda puts them, the
 * url-connection HTTP client ({@link AwsClients}), and every client the function calls built in init.
 *
 * <p>Credentials: the environment variables Lambda sets, then the container endpoint, which replaces them when
 * SnapStart is on (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-activate.html#snapstart-credentials), so
 * environment variables alone would fail a SnapStart function. The SDK's default chain comes last and is only built
 * if neither has credentials, which in Lambda never happens; outside it (the handler under {@code local-invoke
 * --aws} with a profile, tests setting system properties) it keeps finding what it found before.
 */
final class LambdaClients {

    private LambdaClients() {
    }

    /** Ports over clients with the function's credentials, the clients for {@code region} already built. */
    static AwsPorts ports(Region region, Clock clock) {
        CallRecorder calls = new CallRecorder();
        return new AwsPorts(build(region, calls), calls, clock);
    }

    /**
     * The clients, counted by {@code calls}, with one of each service the function calls built for {@code region}:
     * their construction (endpoint rules, service metadata, protocol factories) is done in init, which SnapStart
     * snapshots. Nothing is sent and no credentials are resolved until the first call.
     */
    static AwsClients build(Region region, CallRecorder calls) {
        AwsClients clients = AwsClients.builder().credentials(credentials()).interceptor(calls).build();
        clients.sts(region);
        clients.cloudTrail(region);
        clients.logs(region);
        clients.cloudWatch(region);
        clients.sns(region);
        clients.securityHub(region);
        return clients;
    }

    /** Environment, then container (SnapStart), then, never reached in Lambda, the SDK's default chain. */
    static AwsCredentialsProvider credentials() {
        return AwsCredentialsProviderChain.builder().reuseLastProviderEnabled(true)
                .credentialsProviders(EnvironmentVariableCredentialsProvider.create(),
                        ContainerCredentialsProvider.create(), DefaultCredentialsProvider.builder().build())
                .build();
    }
}
