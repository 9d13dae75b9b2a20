#!/usr/bin/env bash
# Re-check on change: from the event reaching the function to the updated finding in Security Hub, under the Lambda
# runtime emulator on moto, cold and warm. The function runs as `local-invoke --aws` runs it (aws-lambda-rie + the
# Java runtime interface client, the real Lambda jar), against a moto_server this script starts and seeds with a
# compliant account (trail "management", the five CIS chains, topic "alerts"; the names the events/ samples use).
#
#   bench/recheck.sh [RUNS [WARM]]   # default 5 fresh environments, each invoked 1 + WARM (default 5) times
#
# A re-check's invocation reads the chain, judges, and returns after BatchImportFindings has taken the findings, so
# the emulator's invoke duration (INVOKE RTDONE, local-invoke's "Duration") is event-in to finding-updated; cold adds
# the environment's init ("Init Duration"). Rows: StopLogging (every control re-read, no findings read), DeleteAlarms
# of CloudWatch.4's alarm (one GetFindings, then one control), an unrelated DeleteAlarms (one GetFindings, no scan),
# and the SQS batch sample (two copies of the DeleteAlarms and the unrelated one: one scan). Each row's environments
# are fresh; the account's findings exist (a scheduled run is invoked first). After the runs, the script checks that
# the finding of CloudWatch.4 carries the last re-check's trigger.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-5}
warm=${2:-5}
# As template.yaml sets it for the function.
jvm="-XX:+TieredCompilation -XX:TieredStopAtLevel=1"
cli=target/cis-sentinel.jar
for file in "$cli" target/cis-sentinel-lambda.jar; do
    if [[ ! -f $file ]]; then
        echo "no $file: build it first with mvn -B -ntp -q -DskipTests package" >&2
        exit 2
    fi
done
command -v moto_server > /dev/null || { echo "moto_server is not on the PATH (pip install 'moto[server]')" >&2; exit 2; }
work=$(mktemp -d)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
moto_server -H 127.0.0.1 -p "$port" > "$work/moto.log" 2>&1 &
moto=$!
trap 'kill "$moto" 2> /dev/null || true; wait "$moto" 2> /dev/null || true; rm -rf "$work"' EXIT
export AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing \
    AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
for _ in $(seq 100); do
    python3 -c "import urllib.request; urllib.request.urlopen('$AWS_ENDPOINT_URL/moto-api/')" 2> /dev/null && break
    sleep 0.1
done

python3 - <<'EOF'
# The trail, log group and topic of TestAccount.compliantAccount (src/test/java/dev/cissentinel/testing).
import boto3
region = "us-east-1"
logs, trail, sns = (boto3.client(s, region_name=region) for s in ("logs", "cloudtrail", "sns"))
boto3.client("s3", region_name=region).create_bucket(Bucket="bench-trail")
group = "cloudtrail/management"
logs.create_log_group(logGroupName=group)
arn = f"arn:aws:logs:{region}:123456789012:log-group:{group}:*"
trail.create_trail(Name="management", S3BucketName="bench-trail", IsMultiRegionTrail=True,
                   CloudWatchLogsLogGroupArn=arn, CloudWatchLogsRoleArn="arn:aws:iam::123456789012:role/ct")
trail.start_logging(Name="management")
topic = sns.create_topic(Name="alerts")["TopicArn"]
sns.subscribe(TopicArn=topic, Protocol="email", Endpoint="secops@example.com")
EOF
# The five chains come from the control table itself: the CLI's remediation writes exactly the CIS filter and a
# working alarm per control, notifying the topic named.
java -jar "$cli" scan --region us-east-1 --no-publish --remediate apply \
    --alarm-topic-arn arn:aws:sns:us-east-1:123456789012:alerts > /dev/null 2> "$work/seed.log" || true
java -jar "$cli" scan --region us-east-1 --no-publish --format json 2> /dev/null \
    | python3 -c 'import json, sys; d = json.load(sys.stdin); print("seeded:", d["summary"])'
# The CloudWatch.4 alarm the samples name: remediation calls it cis-sentinel-IAMPolicyChanges, the samples (and
# TestAccount) IAMPolicyChangesAlarm. Put the samples' name on the same metric, as a second working alarm.
python3 - <<'EOF'
import boto3
cw = boto3.client("cloudwatch", region_name="us-east-1")
alarm = cw.describe_alarms(AlarmNames=["cis-sentinel-IAMPolicyChanges"])["MetricAlarms"][0]
cw.delete_alarms(AlarmNames=["cis-sentinel-IAMPolicyChanges"])
cw.put_metric_alarm(AlarmName="IAMPolicyChangesAlarm", Namespace=alarm["Namespace"], MetricName=alarm["MetricName"],
                    Statistic="Sum", Period=300, EvaluationPeriods=1, DatapointsToAlarm=1, Threshold=1,
                    ComparisonOperator="GreaterThanOrEqualToThreshold", TreatMissingData="notBreaching",
                    ActionsEnabled=True, AlarmActions=alarm["AlarmActions"])
EOF
java -jar "$cli" local-invoke --aws --event events/scheduled-rule.json > "$work/schedule.json" 2> /dev/null
python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print("scheduled run:", d["counts"])' \
    "$work/schedule.json"

median() {
    sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) printf "%.0f", v[(NR + 1) / 2];
        else printf "%.0f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
field() { # $1 file, $2 awk condition on NR, $3 field name ("Init Duration" or "Duration")
    awk -F'\t' -v want="$3" "$2"' { for (i = 1; i <= NF; i++) if (index($i, want ": ") == 1) {
        sub(want ": ", "", $i); sub(" ms", "", $i); print $i } }' "$1" | median
}

echo
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "runs: $runs fresh environments per row, each invoked $((warm + 1)) times with the same event; JAVA_TOOL_OPTIONS=$jvm"
echo
echo "| event | what it re-checks | init (ms) | cold: init + first invoke (ms) | warm invoke (ms) |"
echo "|---|---|---:|---:|---:|"
rows=("cloudtrail-stop-logging.json|5 controls, no findings read"
      "cloudtrail-delete-alarms.json|CloudWatch.4 after one GetFindings"
      "cloudtrail-unrelated.json|nothing: one GetFindings"
      "cloudtrail-sqs-batch.json|3 messages, CloudWatch.4 once")
# Round-robin: a change in the machine's load during the run hits every row alike.
for _ in $(seq "$runs"); do
    for row in "${rows[@]}"; do
        event=${row%%|*}
        java -jar "$cli" local-invoke --aws --event "events/$event" --times $((warm + 1)) \
            --env "JAVA_TOOL_OPTIONS=$jvm" 2>&1 > "$work/out.json" | grep '^REPORT' > "$work/one.report"
        cat "$work/one.report" >> "$work/$event.report"
        # The environment's first REPORT line is the cold start: init + first invoke.
        awk -F'\t' 'NR == 1 { init = 0; inv = 0; for (i = 1; i <= NF; i++) { if ($i ~ /^Init Duration: /) {
            v = $i; sub("Init Duration: ", "", v); sub(" ms", "", v); init = v } if ($i ~ /^Duration: /) {
            v = $i; sub("Duration: ", "", v); sub(" ms", "", v); inv = v } } print init + inv }' "$work/one.report" \
            >> "$work/$event.cold"
    done
done
for row in "${rows[@]}"; do
    event=${row%%|*}
    label=${row#*|}
    init=$(field "$work/$event.report" '$0 ~ /Init Duration/' "Init Duration")
    cold=$(median < "$work/$event.cold")
    warm_ms=$(field "$work/$event.report" '$0 !~ /Init Duration/' "Duration")
    echo "| \`$event\` | $label | $init | $cold | $warm_ms |"
done
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - <<'EOF'
import boto3
hub = boto3.client("securityhub", region_name="us-east-1")
ours = [f for f in hub.get_findings(MaxResults=100)["Findings"] if f["GeneratorId"].startswith("cis-sentinel/")]
cw4 = next(f for f in ours if f["Compliance"]["SecurityControlId"] == "CloudWatch.4")
print()
print(f"findings: {len(ours)} (one per control); CloudWatch.4 {cw4['Compliance']['Status']}, UpdatedAt "
      f"{cw4['UpdatedAt']}, TriggeredBy {cw4['ProductFields'].get('cis-sentinel/TriggeredBy')}")
EOF
