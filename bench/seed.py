"""Seeds one benchmark account fixture (S, M or L) on a moto_server through boto3, deterministically.

Usage: seed.py FIXTURE ENDPOINT MANIFEST_OUT

The account is the emulator's default (123456789012). Every fixture has the same shape, at growing size:

- trails: multi-region ones (logging or stopped, with or without a CloudWatch Logs group) and single-region
  ones, in several regions; each trail log group carries a "CIS pack": for each of the five controls a
  metric filter + alarm + topic chain in one of the treatments below, so some controls pass and others fail,
  for reasons that the two tools judge differently;
- application log groups with ordinary metric filters (errors, 5xx, latency...) and alarms on them;
- infrastructure alarms (EC2, Lambda, RDS, ELB metrics) to reach the fixture's alarm count;
- per region three topics: security-alerts and ops-pager (an email subscriber each: moto confirms it at
  once) and legacy-alerts (no subscriber).

Nothing is random: names and spreads follow from indices, so two seedings give the same account.
The manifest (JSON) records what was made, per region and per log group, for the report and for the
projection of paginated calls onto AWS (moto 5.2.1 does not paginate DescribeAlarms / DescribeMetricFilters).
"""

import json
import sys
import time
from collections import Counter, defaultdict

import boto3
from botocore.config import Config

ACCOUNT = "123456789012"
NAMESPACE = "CISBenchmark"

IAM_EVENTS = ["DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy", "PutGroupPolicy", "PutRolePolicy",
              "PutUserPolicy", "CreatePolicy", "DeletePolicy", "CreatePolicyVersion", "DeletePolicyVersion",
              "AttachRolePolicy", "DetachRolePolicy", "AttachUserPolicy", "DetachUserPolicy", "AttachGroupPolicy",
              "DetachGroupPolicy"]
TRAIL_EVENTS = ["CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging"]

# The CIS texts (as in src/main/java/dev/cissentinel/controls/ControlTable.java).
CIS = {
    "CloudWatch.1": '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS '
                    '&& $.eventType != "AwsServiceEvent" }',
    "CloudWatch.2": '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") '
                    '&& ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',
    "CloudWatch.4": "{" + "||".join(f"($.eventName={e})" for e in IAM_EVENTS) + "}",
    "CloudWatch.5": "{ " + " || ".join(f"($.eventName = {e})" for e in TRAIL_EVENTS) + " }",
    "CloudWatch.6": '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
}
METRIC = {"CloudWatch.1": "RootAccountUsage", "CloudWatch.2": "UnauthorizedAPICalls",
          "CloudWatch.4": "IAMPolicyChanges", "CloudWatch.5": "CloudTrailConfigChanges",
          "CloudWatch.6": "ConsoleSignInFailures"}
# Same meaning as the CIS text, different text: clauses reordered, respaced, quoting changed.
REORDERED = {
    "CloudWatch.1": '{$.eventType != "AwsServiceEvent" && ($.userIdentity.type = Root) && '
                    '$.userIdentity.invokedBy NOT EXISTS}',
    "CloudWatch.2": '{ ($.errorCode = "AccessDenied*") || ($.errorCode = "*UnauthorizedOperation") }',
    "CloudWatch.4": "{ ($.eventSource = iam.amazonaws.com) && (" + " || ".join(
        f"($.eventName = {e})" for e in reversed(IAM_EVENTS)) + ") }",
    "CloudWatch.5": "{ " + " || ".join(f'($.eventName = "{e}")' for e in reversed(TRAIL_EVENTS)) + " }",
    "CloudWatch.6": '{ ($.errorMessage = "Failed authentication") && ($.eventName = "ConsoleLogin") }',
}
# Looks right, is wrong: one event forgotten, or && where || was meant (catches nothing).
MISSING_EVENT = {
    "CloudWatch.4": "{" + "||".join(f"($.eventName={e})" for e in IAM_EVENTS if e != "DeletePolicyVersion") + "}",
    "CloudWatch.5": "{ " + " || ".join(f"($.eventName = {e})" for e in TRAIL_EVENTS if e != "StopLogging") + " }",
}
AND_FOR_OR = {
    "CloudWatch.5": "{ " + " && ".join(f"($.eventName = {e})" for e in TRAIL_EVENTS) + " }",
    "CloudWatch.4": "{" + "&&".join(f"($.eventName={e})" for e in IAM_EVENTS) + "}",
}
CONTROLS = list(CIS)

# Treatments of one control's chain on a trail log group:
#   cis          CIS text, alarm Sum >= 1 on one datapoint, actions on, -> security-alerts (subscribed)
#   reordered    same meaning, reordered text (REORDERED), otherwise as cis
#   actions_off  as cis, but the alarm's actions are disabled
#   unsubscribed as cis, but the alarm notifies legacy-alerts (nobody subscribed)
#   threshold5   as cis, but the alarm needs Sum >= 5 (five events) to fire
#   missing      filter forgets an event (MISSING_EVENT)
#   and_for_or   filter joins the events with && (AND_FOR_OR): it can never match
#   no_alarm     CIS filter, no alarm on its metric
#   (absent)     nothing for that control


def pack(**treatments):
    return dict(treatments)


ALL_CIS = pack(**{c: "cis" for c in CONTROLS})

FIXTURES = {
    # One trail, the five filters and their alarms, one topic with a subscriber.
    "S": {
        "regions": ["us-east-1"],
        "trails": [
            dict(name="management-events", home="us-east-1", multi=True, logging=True,
                 group="cloudtrail/management-events",
                 pack=pack(**{"CloudWatch.1": "reordered", "CloudWatch.2": "cis", "CloudWatch.4": "reordered",
                              "CloudWatch.5": "actions_off", "CloudWatch.6": "cis"})),
        ],
        "log_groups": 1, "filters": 5, "alarms": 5, "topics": ["security-alerts"],
    },
    "M": {
        "regions": ["us-east-1", "eu-west-1", "ap-southeast-2"],
        "trails": [
            dict(name="org-trail", home="us-east-1", multi=True, logging=True, group="cloudtrail/org",
                 pack=pack(**{"CloudWatch.1": "reordered", "CloudWatch.2": "unsubscribed", "CloudWatch.4": "missing",
                              "CloudWatch.5": "cis", "CloudWatch.6": "no_alarm"})),
            dict(name="security-trail", home="eu-west-1", multi=True, logging=True, group="cloudtrail/security",
                 pack=pack(**{"CloudWatch.2": "cis", "CloudWatch.4": "and_for_or", "CloudWatch.6": "threshold5"})),
            dict(name="old-org-trail", home="ap-southeast-2", multi=True, logging=False, group="cloudtrail/old-org",
                 pack=ALL_CIS),
            dict(name="app-us-east-1", home="us-east-1", multi=False, logging=True, group="cloudtrail/app",
                 pack=pack(**{"CloudWatch.4": "cis", "CloudWatch.6": "cis"})),
            dict(name="data-events-eu", home="eu-west-1", multi=False, logging=True, group=None, pack={}),
        ],
        "log_groups": 100, "filters": 500, "alarms": 2000,
        "topics": ["security-alerts", "ops-pager", "legacy-alerts"],
    },
    "L": {
        "regions": ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"],
        "trails": [
            dict(name="org-trail", home="us-east-1", multi=True, logging=True, group="cloudtrail/org",
                 pack=pack(**{"CloudWatch.1": "cis", "CloudWatch.2": "actions_off", "CloudWatch.4": "reordered",
                              "CloudWatch.5": "unsubscribed"})),
            dict(name="security-trail", home="eu-central-1", multi=True, logging=True, group="cloudtrail/security",
                 pack=pack(**{"CloudWatch.2": "threshold5", "CloudWatch.5": "and_for_or",
                              "CloudWatch.6": "reordered"})),
            dict(name="audit-trail", home="us-west-2", multi=True, logging=True, group="cloudtrail/audit",
                 pack=pack(**{"CloudWatch.2": "reordered", "CloudWatch.5": "missing"})),
            dict(name="stopped-trail", home="eu-west-1", multi=True, logging=False, group="cloudtrail/stopped",
                 pack=ALL_CIS),
            dict(name="s3-only-trail", home="ap-southeast-2", multi=True, logging=True, group=None, pack={}),
            dict(name="legacy-org-trail", home="us-east-1", multi=True, logging=True, group="cloudtrail/legacy",
                 pack=pack(**{"CloudWatch.1": "no_alarm", "CloudWatch.4": "no_alarm"})),
        ] + [
            # 14 single-region trails, one in three with a log group (and a CIS-looking filter on every other).
            dict(name=f"regional-{i:02d}", home=r, multi=False, logging=(i % 4 != 3),
                 group=(f"cloudtrail/regional-{i:02d}" if i % 3 == 0 else None),
                 pack=(pack(**{"CloudWatch.2": "cis", "CloudWatch.5": "cis"}) if i % 6 == 0 else {}))
            for i, r in zip(range(14), ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"] * 3)
        ],
        "log_groups": 500, "filters": 2000, "alarms": 10000,
        "topics": ["security-alerts", "ops-pager", "legacy-alerts"],
    },
}

APP_FILTERS = [
    ("Errors", '{ $.level = "ERROR" }'),
    ("Http5xx", "[ip, id, user, timestamp, request, status_code = 5*, size]"),
    ("Exceptions", '"Exception"'),
    ("SlowRequests", "{ $.latencyMs > 1000 }"),
    ("OutOfMemory", '"OutOfMemoryError"'),
]
INFRA_METRICS = [
    ("AWS/EC2", "CPUUtilization", "InstanceId", "i-{:017x}", "Average", 80.0, "GreaterThanThreshold"),
    ("AWS/Lambda", "Errors", "FunctionName", "fn-{:05d}", "Sum", 1.0, "GreaterThanOrEqualToThreshold"),
    ("AWS/RDS", "FreeStorageSpace", "DBInstanceIdentifier", "db-{:05d}", "Minimum", 1e9, "LessThanThreshold"),
    ("AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "LoadBalancer", "app/lb-{:05d}/0123456789abcdef",
     "Sum", 10.0, "GreaterThanThreshold"),
    ("AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", "queue-{:05d}", "Maximum", 900.0,
     "GreaterThanThreshold"),
]
APP_SERVICES = ["checkout", "payments", "search", "catalog", "auth", "orders", "billing", "inventory", "shipping",
                "notifications", "reports", "profile"]


class Seeder:
    def __init__(self, endpoint):
        self.endpoint = endpoint
        self.config = Config(retries={"max_attempts": 2, "mode": "standard"}, max_pool_connections=4)
        self.clients = {}
        self.calls = Counter()

    def client(self, service, region):
        key = (service, region)
        if key not in self.clients:
            self.clients[key] = boto3.client(service, region_name=region, endpoint_url=self.endpoint,
                                             aws_access_key_id="testing", aws_secret_access_key="testing",
                                             config=self.config)
        return self.clients[key]

    def call(self, service, region, op, **kwargs):
        self.calls[f"{service}:{op}"] += 1
        return getattr(self.client(service, region), op)(**kwargs)


def seed(name, endpoint):
    spec = FIXTURES[name]
    s = Seeder(endpoint)
    regions = spec["regions"]
    manifest = {
        "fixture": name, "account": ACCOUNT, "regions": regions, "trails": [], "log_groups": {},
        "alarms_by_region": Counter(), "filters_by_region": Counter(), "topics": {},
    }
    started = time.monotonic()

    # Topics (per region) and their subscribers.
    topics = {}
    for region in regions:
        for topic in spec["topics"]:
            arn = s.call("sns", region, "create_topic", Name=topic)["TopicArn"]
            topics[(region, topic)] = arn
            subscribed = topic != "legacy-alerts"
            if subscribed:
                s.call("sns", region, "subscribe", TopicArn=arn, Protocol="email",
                       Endpoint=f"{topic}@example.com")
            manifest["topics"][arn] = {"subscribed": subscribed}

    def topic_arn(region, topic):
        return topics.get((region, topic)) or topics[(region, spec["topics"][0])]

    bucket = f"cloudtrail-{ACCOUNT}-bench"
    s.call("s3", "us-east-1", "create_bucket", Bucket=bucket)

    filters_made = 0
    alarms_made = 0
    groups_made = 0

    def make_group(region, group):
        nonlocal groups_made
        s.call("logs", region, "create_log_group", logGroupName=group)
        groups_made += 1
        manifest["log_groups"][f"{region}:{group}"] = {"region": region, "filters": 0}

    def make_filter(region, group, filter_name, pattern, namespace, metric):
        nonlocal filters_made
        s.call("logs", region, "put_metric_filter", logGroupName=group, filterName=filter_name,
               filterPattern=pattern,
               metricTransformations=[{"metricName": metric, "metricNamespace": namespace, "metricValue": "1"}])
        filters_made += 1
        manifest["log_groups"][f"{region}:{group}"]["filters"] += 1
        manifest["filters_by_region"][region] += 1

    def make_alarm(region, alarm_name, namespace, metric, *, statistic="Sum", threshold=1.0,
                   comparison="GreaterThanOrEqualToThreshold", dimensions=None, actions=(), enabled=True):
        nonlocal alarms_made
        s.call("cloudwatch", region, "put_metric_alarm", AlarmName=alarm_name, Namespace=namespace,
               MetricName=metric, Dimensions=dimensions or [], Statistic=statistic, Period=300,
               EvaluationPeriods=1, Threshold=threshold, ComparisonOperator=comparison,
               TreatMissingData="notBreaching", ActionsEnabled=enabled, AlarmActions=list(actions))
        alarms_made += 1
        manifest["alarms_by_region"][region] += 1

    # Trails, their log groups and CIS packs.
    for trail in spec["trails"]:
        region = trail["home"]
        group = trail["group"]
        args = dict(Name=trail["name"], S3BucketName=bucket, IsMultiRegionTrail=trail["multi"])
        if group:
            make_group(region, group)
            args["CloudWatchLogsLogGroupArn"] = f"arn:aws:logs:{region}:{ACCOUNT}:log-group:{group}:*"
            args["CloudWatchLogsRoleArn"] = f"arn:aws:iam::{ACCOUNT}:role/CloudTrailToCloudWatchLogs"
        s.call("cloudtrail", region, "create_trail", **args)
        if trail["logging"]:
            s.call("cloudtrail", region, "start_logging", Name=trail["name"])
        manifest["trails"].append({k: trail[k] for k in ("name", "home", "multi", "logging", "group")}
                                  | {"pack": trail["pack"]})
        for control, treatment in trail["pack"].items():
            metric = METRIC[control]
            # Metric names are per trail so that each chain is its own; the namespace is the CIS one.
            metric_name = f"{metric}-{trail['name']}"
            pattern = {"reordered": REORDERED, "missing": MISSING_EVENT, "and_for_or": AND_FOR_OR}.get(
                treatment, CIS)[control]
            make_filter(region, group, f"cis-{metric}", pattern, NAMESPACE, metric_name)
            if treatment == "no_alarm":
                continue
            make_alarm(region, f"cis-{metric}-{trail['name']}", NAMESPACE, metric_name,
                       threshold=5.0 if treatment == "threshold5" else 1.0,
                       enabled=treatment != "actions_off",
                       actions=[topic_arn(region, "legacy-alerts" if treatment == "unsubscribed"
                                          else "security-alerts")])

    # Application log groups, round-robin over the regions, and their filters (round-robin over the groups).
    app_groups = []
    for i in range(spec["log_groups"] - groups_made):
        region = regions[i % len(regions)]
        service = APP_SERVICES[i % len(APP_SERVICES)]
        group = f"/aws/lambda/{service}-{i:04d}"
        make_group(region, group)
        app_groups.append((region, group, service, i))
    app_metrics = []
    remaining = spec["filters"] - filters_made
    for j in range(remaining):
        region, group, service, i = app_groups[j % len(app_groups)]
        kind, pattern = APP_FILTERS[(j // len(app_groups)) % len(APP_FILTERS)]
        metric = f"{service}-{i:04d}-{kind}"
        make_filter(region, group, f"{kind}", pattern, f"App/{service}", metric)
        app_metrics.append((region, f"App/{service}", metric, j))

    # Alarms on the application metrics (two in three), then infrastructure alarms up to the count.
    for region, namespace, metric, j in app_metrics:
        if alarms_made >= spec["alarms"] or j % 3 == 2:
            continue
        topic = ["ops-pager", "legacy-alerts", None][j % 3]
        make_alarm(region, f"{metric}-alarm", namespace, metric,
                   actions=[topic_arn(region, topic)] if topic and topic in spec["topics"] else [])
    k = 0
    while alarms_made < spec["alarms"]:
        region = regions[k % len(regions)]
        namespace, metric, dim, value, stat, threshold, comparison = INFRA_METRICS[k % len(INFRA_METRICS)]
        topic = ["ops-pager", None, "ops-pager", "legacy-alerts"][k % 4]
        make_alarm(region, f"{metric}-{k:05d}", namespace, metric, statistic=stat, threshold=threshold,
                   comparison=comparison, dimensions=[{"Name": dim, "Value": value.format(k)}],
                   actions=[topic_arn(region, topic)] if topic and topic in spec["topics"] else [])
        k += 1

    manifest["counts"] = {"trails": len(spec["trails"]), "log_groups": groups_made, "filters": filters_made,
                          "alarms": alarms_made, "topics": len(topics), "regions": len(regions)}
    manifest["seed_calls"] = sum(s.calls.values())
    manifest["seed_seconds"] = round(time.monotonic() - started, 1)
    manifest["alarms_by_region"] = dict(manifest["alarms_by_region"])
    manifest["filters_by_region"] = dict(manifest["filters_by_region"])
    return manifest


def main():
    name, endpoint, out = sys.argv[1:4]
    manifest = seed(name, endpoint)
    with open(out, "w") as f:
        json.dump(manifest, f, indent=1)
    print(f"seeded {name}: {manifest['counts']} in {manifest['seed_seconds']} s ({manifest['seed_calls']} calls)")


if __name__ == "__main__":
    main()
