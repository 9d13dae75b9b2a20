package dev.cissentinel.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * Clients that act in other accounts: {@code sts:AssumeRole} into {@code arn:<partition>:iam::<account>:role/<name>}
 * with session name {@value #SESSION_NAME}, at the STS endpoint of the scan's region (regional endpoints are the
 * SDK's default; https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_region-endpoints.html), and
 * the caller's own account id ({@code sts:GetCallerIdentity}, which needs no grant), so a target that is the
 * caller's account is scanned with the caller's credentials.
 *
 * <p>One session per account and role for as long as its credentials have more than {@link #REFRESH_BEFORE} left:
 * the regions of an account share it, and a refusal is remembered too, so a denied role costs one call per scan,
 * not one per region. {@link #forget} drops an account's session and closes its clients once its targets are done,
 * which keeps memory bounded by the accounts in flight, not by the organization's size.
 */
public final class RoleSessions implements AutoCloseable {

    public static final String SESSION_NAME = "cis-sentinel";
    private static final String ASSUME_ROLE = "sts:AssumeRole";
    private static final String GET_CALLER_IDENTITY = "sts:GetCallerIdentity";
    /** Every IAM action this class calls ({@code GetCallerIdentity} needs no grant). */
    public static final List<String> IAM_ACTIONS = List.of(ASSUME_ROLE, GET_CALLER_IDENTITY);
    /** A session this close to expiry is renewed before use. */
    static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);

    private final AwsClients caller;
    private final Region stsRegion;
    private final Optional<String> externalId;
    private final Clock clock;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private volatile String callerAccount;

    /**
     * @param caller the clients of the credentials that assume the roles
     * @param stsRegion the region whose STS endpoint is asked
     */
    public RoleSessions(AwsClients caller, Region stsRegion, Optional<String> externalId, Clock clock) {
        this.caller = Objects.requireNonNull(caller, "caller");
        this.stsRegion = Objects.requireNonNull(stsRegion, "stsRegion");
        this.externalId = Objects.requireNonNull(externalId, "externalId");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The role ARN for {@code account} and {@code roleName} in the partition of {@code region}. */
    public static String roleArn(String account, String roleName, Region region) {
        return "arn:" + Partition.of(region.id()) + ":iam::" + account + ":role/" + roleName;
    }

    /** The caller's account id, asked once; empty when STS does not answer. */
    public Optional<String> callerAccount() {
        if (callerAccount == null) {
            synchronized (this) {
                if (callerAccount == null) {
                    try {
                        callerAccount = Objects.requireNonNullElse(caller.sts(stsRegion).getCallerIdentity()
                                .account(), "");
                    } catch (SdkException e) {
                        return Optional.empty();
                    }
                }
            }
        }
        return callerAccount.isEmpty() ? Optional.empty() : Optional.of(callerAccount);
    }

    /** Clients acting as {@code roleName} in {@code account}, or why the role could not be assumed. */
    public Assumed assume(String account, String roleName) {
        String arn = roleArn(account, roleName, stsRegion);
        Session current = sessions.get(arn);
        if (current != null && current.usable(clock.instant())) {
            return current.assumed;
        }
        synchronized (locks.computeIfAbsent(arn, key -> new Object())) {
            current = sessions.get(arn);
            if (current != null && current.usable(clock.instant())) {
                return current.assumed;
            }
            // An expiring session is replaced, not closed: another region of the account may still be using it.
            Session fresh = open(arn);
            sessions.put(arn, fresh);
            return fresh.assumed;
        }
    }

    private Session open(String arn) {
        try {
            AssumeRoleResponse response = caller.sts(stsRegion).assumeRole(r -> r.roleArn(arn)
                    .roleSessionName(SESSION_NAME).externalId(externalId.orElse(null)));
            Credentials keys = response.credentials();
            AwsClients clients = caller.as(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                    keys.accessKeyId(), keys.secretAccessKey(), keys.sessionToken())));
            Instant expires = keys.expiration() != null ? keys.expiration() : Instant.MAX;
            return new Session(new Assumed.Ok(arn, clients), expires);
        } catch (SdkException e) {
            String code = e instanceof AwsServiceException service && service.awsErrorDetails() != null
                    && service.awsErrorDetails().errorCode() != null ? service.awsErrorDetails().errorCode()
                    : e.getClass().getSimpleName();
            String message = e instanceof AwsServiceException service && service.awsErrorDetails() != null
                    ? Objects.requireNonNullElse(service.awsErrorDetails().errorMessage(), "") : e.getMessage();
            // A refusal is kept for the rest of the scan: asking again per region would be refused again.
            return new Session(new Assumed.Refused(arn, stsRegion.id(), code, Objects.requireNonNullElse(message,
                    "")), Instant.MAX);
        }
    }

    /** Drops the sessions of {@code account} (every role) and closes their clients. */
    public void forget(String account) {
        sessions.entrySet().removeIf(entry -> {
            boolean of = entry.getKey().contains(":iam::" + account + ":role/");
            if (of) {
                entry.getValue().close();
            }
            return of;
        });
    }

    @Override
    public void close() {
        sessions.values().forEach(Session::close);
        sessions.clear();
    }

    /** The outcome of assuming a role. */
    public sealed interface Assumed permits Assumed.Ok, Assumed.Refused {
        String roleArn();

        /** Clients acting as the role. */
        record Ok(String roleArn, AwsClients clients) implements Assumed {
        }

        /** STS refused, or did not answer: AWS's error code and message. */
        record Refused(String roleArn, String region, String errorCode, String message) implements Assumed {
        }
    }

    private record Session(Assumed assumed, Instant expires) {
        boolean usable(Instant now) {
            return expires.equals(Instant.MAX) || now.plus(REFRESH_BEFORE).isBefore(expires);
        }

        void close() {
            if (assumed instanceof Assumed.Ok ok) {
                ok.clients().close();
            }
        }
    }
}
