package dev.cissentinel.aws;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.account.AccountClient;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Builds and caches the SDK clients, one per service and region, all sharing one url-connection HTTP client.
 *
 * <p>Clients are created lazily on first use (a scan touches only the regions its chain leads to) and
 * reused for the life of this object, which in Lambda is the life of the execution environment.
 * Endpoints: by default the SDK resolves them itself, which honours {@code AWS_ENDPOINT_URL} and
 * {@code AWS_ENDPOINT_URL_<SERVICE>}; an explicit override (tests, the demo) does the same thing in code.
 */
public final class AwsClients implements AutoCloseable {

    private final SdkHttpClient httpClient;
    private final AwsCredentialsProvider credentials;
    private final Optional<URI> endpointOverride;
    private final List<ExecutionInterceptor> interceptors;
    private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();

    /** Attempts per call: the first and three retries, with the standard strategy's jittered backoff. */
    public static final int MAX_ATTEMPTS = 4;
    /** A whole call, retries included; a scan must not hang on one. */
    public static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(30);
    /** One HTTP attempt. */
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);

    private final ClientOverrideConfiguration overrides;
    /** False for the clients {@link #as} made: they borrow the HTTP client of the clients that made them. */
    private final boolean ownsHttpClient;

    private AwsClients(Builder builder) {
        this.httpClient = builder.httpClient != null ? builder.httpClient : UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(3)).socketTimeout(ATTEMPT_TIMEOUT).build();
        this.ownsHttpClient = true;
        this.credentials = builder.credentials;
        this.endpointOverride = Optional.ofNullable(builder.endpointOverride);
        this.interceptors = List.copyOf(builder.interceptors);
        // Standard mode: throttling and 5xx are retried with backoff, a bounded number of times, and each call
        // and attempt has a timeout, so a fault costs seconds, not the Lambda's whole budget.
        this.overrides = ClientOverrideConfiguration.builder().executionInterceptors(interceptors)
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(MAX_ATTEMPTS).build())
                .apiCallTimeout(API_CALL_TIMEOUT).apiCallAttemptTimeout(ATTEMPT_TIMEOUT).build();
    }

    private AwsClients(AwsClients base, AwsCredentialsProvider credentials) {
        this.httpClient = base.httpClient;
        this.ownsHttpClient = false;
        this.credentials = credentials;
        this.endpointOverride = base.endpointOverride;
        this.interceptors = base.interceptors;
        this.overrides = base.overrides;
    }

    /**
     * Clients like these (endpoint, interceptors, retries, the one HTTP client) acting with other credentials, e.g.
     * an assumed role's in another account. Closing them closes their SDK clients, not the shared HTTP client.
     */
    public AwsClients as(AwsCredentialsProvider other) {
        return new AwsClients(this, other);
    }

    /** Production defaults: default credentials chain, SDK endpoint resolution, no interceptors. */
    public static AwsClients create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public CloudTrailClient cloudTrail(Region region) {
        return client("cloudtrail", region, CloudTrailClient.class, CloudTrailClient::builder);
    }

    public CloudWatchLogsClient logs(Region region) {
        return client("logs", region, CloudWatchLogsClient.class, CloudWatchLogsClient::builder);
    }

    public CloudWatchClient cloudWatch(Region region) {
        return client("cloudwatch", region, CloudWatchClient.class, CloudWatchClient::builder);
    }

    public SnsClient sns(Region region) {
        return client("sns", region, SnsClient.class, SnsClient::builder);
    }

    public SecurityHubClient securityHub(Region region) {
        return client("securityhub", region, SecurityHubClient.class, SecurityHubClient::builder);
    }

    public StsClient sts(Region region) {
        return client("sts", region, StsClient.class, StsClient::builder);
    }

    /** Organizations has one endpoint per partition; its SDK region is the partition's global one. */
    public OrganizationsClient organizations(Region region) {
        return client("organizations", region, OrganizationsClient.class, OrganizationsClient::builder);
    }

    /** The Account Management API (enabled regions); like Organizations, one endpoint per partition. */
    public AccountClient account(Region region) {
        return client("account", region, AccountClient.class, AccountClient::builder);
    }

    /** The endpoint every client is pointed at, when one was set in code. */
    public Optional<URI> endpointOverride() {
        return endpointOverride;
    }

    private <C extends SdkClient, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C client(String service, Region region, Class<C> type, Supplier<B> builder) {
        SdkClient client = clients.computeIfAbsent(service + "/" + region.id(), key -> configure(builder.get(), region));
        return type.cast(client);
    }

    private <C extends SdkClient, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C configure(B builder, Region region) {
        builder.region(region)
                .credentialsProvider(credentials)
                .httpClient(httpClient)
                .overrideConfiguration(overrides);
        endpointOverride.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    @Override
    public void close() {
        clients.values().forEach(SdkClient::close);
        clients.clear();
        if (ownsHttpClient) {
            httpClient.close();
        }
    }

    /** Options for {@link AwsClients}; production code uses {@link #create()}. */
    public static final class Builder {
        private AwsCredentialsProvider credentials = DefaultCredentialsProvider.builder().build();
        private URI endpointOverride;
        private final List<ExecutionInterceptor> interceptors = new ArrayList<>();
        private SdkHttpClient httpClient;

        private Builder() {
        }

        public Builder credentials(AwsCredentialsProvider credentials) {
            this.credentials = credentials;
            return this;
        }

        /** Fixed keys for an emulator, which checks no signature. */
        public Builder dummyCredentials() {
            return credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
        }

        public Builder endpointOverride(URI endpoint) {
            this.endpointOverride = endpoint;
            return this;
        }

        public Builder interceptor(ExecutionInterceptor interceptor) {
            interceptors.add(interceptor);
            return this;
        }

        /**
         * Another HTTP client than the url-connection one, for code that must not reach the network (the Lambda's
         * SnapStart priming answers from memory); closed with these clients.
         */
        public Builder httpClient(SdkHttpClient client) {
            this.httpClient = client;
            return this;
        }

        public AwsClients build() {
            return new AwsClients(this);
        }
    }
}
