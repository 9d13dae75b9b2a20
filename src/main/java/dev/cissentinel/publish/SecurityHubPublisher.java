package dev.cissentinel.publish;

import dev.cissentinel.controls.ControlResult;
import dev.cissentinel.controls.Status;
import dev.cissentinel.findings.FindingMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.securityhub.SecurityHubClient;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFinding;
import software.amazon.awssdk.services.securityhub.model.AwsSecurityFindingFilters;
import software.amazon.awssdk.services.securityhub.model.BatchImportFindingsResponse;
import software.amazon.awssdk.services.securityhub.model.ImportFindingsError;
import software.amazon.awssdk.services.securityhub.model.RecordState;
import software.amazon.awssdk.services.securityhub.model.SecurityHubException;
import software.amazon.awssdk.services.securityhub.model.StringFilter;
import software.amazon.awssdk.services.securityhub.model.StringFilterComparison;

/**
 * Sends findings to Security Hub with {@code BatchImportFindings}: at most 100 per call, entries Security Hub
 * lists in {@code FailedFindings} retried with backoff, whatever still fails reported, never dropped.
 *
 * <p>Before importing it reads this tool's existing findings for the account and region (one
 * {@code GetFindings} query, paged) to keep each finding's {@code CreatedAt} and, in a full run
 * ({@link FindingScope#ALL}), to archive the findings of controls it did not judge; a run that named its controls
 * archives nothing. IAM: {@code securityhub:GetFindings}, {@code securityhub:BatchImportFindings}.
 *
 * <p>Each finding's {@code UpdatedAt} (and {@code LastObservedAt}) is the time its run started reading the account
 * ({@link FindingBatch#observedAt}), not the time of publishing: a scheduled run that read before a
 * {@code StopLogging} and publishes after the re-check it triggered must not overwrite the re-check's verdict.
 *
 * <p>Two runs at once need no lock: each finding's {@code Id} is stable, and Security Hub ignores an update whose
 * {@code UpdatedAt} is not later than the stored one
 * (https://docs.aws.amazon.com/securityhub/latest/userguide/finding-update-batchimportfindings.html), so whichever
 * run publishes the later {@code UpdatedAt} wins, archive or update, in any arrival order. A finding both create at
 * once keeps the winner's {@code CreatedAt}; later runs read and keep it.
 */
public final class SecurityHubPublisher {

    public static final List<String> IAM_ACTIONS = List.of("securityhub:BatchImportFindings",
            "securityhub:GetFindings");

    static final int BATCH = 100;
    static final int ATTEMPTS = 4;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

    private final SecurityHubClient client;
    private final Sleeper sleeper;
    private final String toolVersion;

    /** @param toolVersion this tool's version, recorded in each finding */
    public SecurityHubPublisher(SecurityHubClient client, Sleeper sleeper, String toolVersion) {
        this.client = client;
        this.sleeper = sleeper;
        this.toolVersion = toolVersion;
    }

    public static SecurityHubPublisher create(SecurityHubClient client, String toolVersion) {
        return new SecurityHubPublisher(client, duration -> Thread.sleep(duration.toMillis()), toolVersion);
    }

    /** Waits between retries; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * Publishes one finding per result and archives the active findings of other controls that the batch's
     * {@link FindingScope} owns: none for a run that named its controls, every other one for a full run.
     *
     * @throws PublishException when Security Hub cannot be reached or is not enabled, saying how to fix it
     */
    public PublishResult publish(FindingBatch batch) {
        // The time the run started reading, not now: of two overlapping runs, the one that read later must win.
        Instant now = batch.observedAt();
        String accountId = batch.accountId();
        String region = batch.region();
        FindingMapper mapper = new FindingMapper(accountId, region, toolVersion);
        Map<String, AwsSecurityFinding> existing = existing(accountId, region);
        List<AwsSecurityFinding> findings = new ArrayList<>();
        Set<String> judged = new HashSet<>();
        for (ControlResult result : batch.results()) {
            String id = FindingMapper.findingId(accountId, region, result.control().id());
            judged.add(id);
            AwsSecurityFinding before = existing.get(id);
            Instant createdAt = before != null && before.createdAt() != null ? Instant.parse(before.createdAt()) : now;
            findings.add(mapper.map(result, createdAt, now,
                    batch.remediationNotes().getOrDefault(result.control().id(), List.of()), batch.triggeredBy()));
        }
        int archived = 0;
        for (AwsSecurityFinding old : existing.values()) {
            if (old.recordState() != RecordState.ARCHIVED && batch.scope().archives(old.id(), judged)) {
                findings.add(FindingMapper.archived(old, now));
                archived++;
            }
        }
        List<PublishResult.FailedFinding> failed = new ArrayList<>();
        int imported = 0;
        for (int start = 0; start < findings.size(); start += BATCH) {
            List<AwsSecurityFinding> batchOfFindings = findings.subList(start, Math.min(findings.size(),
                    start + BATCH));
            imported += importWithRetries(batchOfFindings, failed, region);
        }
        return new PublishResult(imported, archived, failed);
    }

    /**
     * This tool's active findings for the account and region, as a re-check needs them: the same one
     * {@code GetFindings} query (paged) that publishing makes.
     *
     * @throws PublishException when Security Hub cannot be read, saying how to fix it
     */
    public List<StoredFinding> stored(String accountId, String region) {
        List<StoredFinding> stored = new ArrayList<>();
        for (AwsSecurityFinding finding : existing(accountId, region).values()) {
            if (finding.recordState() == RecordState.ARCHIVED) {
                continue;
            }
            String controlId = finding.id().substring(FindingMapper.findingId(accountId, region, "").length());
            Status status = Status.NOT_AVAILABLE;
            String compliance = finding.compliance() == null ? null : finding.compliance().statusAsString();
            if ("PASSED".equals(compliance)) {
                status = Status.PASSED;
            } else if ("FAILED".equals(compliance)) {
                status = Status.FAILED;
            }
            Set<String> resources = new HashSet<>();
            finding.resources().forEach(resource -> resources.add(resource.id()));
            stored.add(new StoredFinding(controlId, status, resources));
        }
        return stored;
    }

    /** This tool's findings for the account and region, by Id (GetFindings filters, re-checked here). */
    private Map<String, AwsSecurityFinding> existing(String accountId, String region) {
        String prefix = FindingMapper.findingId(accountId, region, "");
        AwsSecurityFindingFilters filters = AwsSecurityFindingFilters.builder()
                .id(StringFilter.builder().comparison(StringFilterComparison.PREFIX).value(prefix).build())
                .build();
        Map<String, AwsSecurityFinding> byId = new LinkedHashMap<>();
        try {
            String token = null;
            Set<String> seen = new HashSet<>();
            do {
                String page = token;
                var response = client.getFindings(r -> r.filters(filters).maxResults(100).nextToken(page));
                response.findings().stream().filter(finding -> finding.id().startsWith(prefix))
                        .forEach(finding -> byId.put(finding.id(), finding));
                token = response.nextToken();
                if (token != null && !seen.add(token)) {
                    throw new PublishException("Security Hub GetFindings returned the same page token twice in "
                            + region + "; stopped reading to avoid an endless loop");
                }
            } while (token != null && !token.isEmpty());
        } catch (SdkException e) {
            throw unavailable("GetFindings", region, e);
        }
        return byId;
    }

    private int importWithRetries(List<AwsSecurityFinding> batch, List<PublishResult.FailedFinding> failed,
            String region) {
        Map<String, AwsSecurityFinding> pending = new LinkedHashMap<>();
        batch.forEach(finding -> pending.put(finding.id(), finding));
        Map<String, ImportFindingsError> lastErrors = new HashMap<>();
        int imported = 0;
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; attempt <= ATTEMPTS && !pending.isEmpty(); attempt++) {
            if (attempt > 1) {
                pause(backoff);
                backoff = backoff.multipliedBy(2);
            }
            BatchImportFindingsResponse response;
            try {
                List<AwsSecurityFinding> sending = List.copyOf(pending.values());
                response = client.batchImportFindings(r -> r.findings(sending));
            } catch (SdkException e) {
                throw unavailable("BatchImportFindings", region, e);
            }
            Set<String> rejected = new HashSet<>();
            for (ImportFindingsError error : response.failedFindings()) {
                rejected.add(error.id());
                lastErrors.put(error.id(), error);
            }
            for (String id : List.copyOf(pending.keySet())) {
                if (!rejected.contains(id)) {
                    pending.remove(id);
                    imported++;
                }
            }
        }
        for (String id : pending.keySet()) {
            ImportFindingsError error = lastErrors.get(id);
            failed.add(new PublishResult.FailedFinding(id, error == null ? "Unknown" : String.valueOf(error.errorCode()),
                    error == null ? "" : String.valueOf(error.errorMessage())));
        }
        return imported;
    }

    private void pause(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while retrying BatchImportFindings", e);
        }
    }

    private static PublishException unavailable(String api, String region, SdkException e) {
        String code = e instanceof SecurityHubException && ((SecurityHubException) e).awsErrorDetails() != null
                ? ((SecurityHubException) e).awsErrorDetails().errorCode() : e.getClass().getSimpleName();
        String fix;
        if ("InvalidAccessException".equals(code)) {
            fix = "Security Hub (CSPM) is not enabled in " + region + " for this account: enable it (console, or "
                    + "`aws securityhub enable-security-hub --region " + region + "`), or scan with --no-publish";
        } else if ("AccessDeniedException".equals(code)) {
            fix = "the caller may not call securityhub:" + api + " in " + region + ": grant "
                    + String.join(" and ", IAM_ACTIONS) + " on this account's default product, or scan with "
                    + "--no-publish";
        } else {
            fix = "Security Hub in " + region + " could not be reached (" + e.getMessage() + "); try again, or scan "
                    + "with --no-publish";
        }
        return new PublishException("could not publish findings: " + api + " failed with " + code + ": " + fix, e);
    }
}
