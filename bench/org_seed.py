"""Seeds an AWS Organization on a moto_server through boto3, for bench/org.sh and by hand.

Usage: org_seed.py ENDPOINT MEMBERS REGIONS [MANIFEST_OUT]

- The management account is the emulator's default (123456789012): CreateOrganization, then MEMBERS accounts
  with CreateAccount (moto gives each its own id and keeps them apart by the keys sts:AssumeRole returns).
- In the management account, in the first region: a compliant chain for the five controls, the one members'
  trails deliver to: log group org-trail-logs, a CIS metric filter per control, an alarm per filter (Sum >= 1 over
  one 300 s period, notifying org-security-alerts), and an email subscriber (moto confirms it at once). Its own
  multi-region trail delivers there too.
- In each member, a multi-region trail whose CloudWatch Logs group is the management account's org-trail-logs
  (what an organization trail looks like from a member); every tenth member has no trail instead.

REGIONS (comma-separated) only decides where the management chain lives (the first one). The manifest (JSON)
lists the member ids and which have no trail.
"""

import json
import sys

import boto3
from botocore.config import Config

import seed

MANAGEMENT = "123456789012"
# The five CIS texts and their metric names, from the single-account seeder beside this script.
NAMESPACE = seed.NAMESPACE
CIS = {seed.METRIC[control]: pattern for control, pattern in seed.CIS.items()}


def client(endpoint, service, region, keys=None):
    keys = keys or {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
    return boto3.client(service, region_name=region, endpoint_url=endpoint,
                        config=Config(retries={"max_attempts": 2}), **keys)


def as_account(endpoint, account, region):
    creds = client(endpoint, "sts", region).assume_role(
        RoleArn=f"arn:aws:iam::{account}:role/seed", RoleSessionName="seed")["Credentials"]
    return {"aws_access_key_id": creds["AccessKeyId"], "aws_secret_access_key": creds["SecretAccessKey"],
            "aws_session_token": creds["SessionToken"]}


def trail(endpoint, region, keys, name, group_arn):
    s3 = client(endpoint, "s3", region, keys)
    bucket = f"{name}-{abs(hash(str(keys))) % 10**8}-trail"
    s3.create_bucket(Bucket=bucket)
    ct = client(endpoint, "cloudtrail", region, keys)
    ct.create_trail(Name=name, S3BucketName=bucket, IsMultiRegionTrail=True,
                    CloudWatchLogsLogGroupArn=group_arn,
                    CloudWatchLogsRoleArn="arn:aws:iam::%s:role/trail-to-logs" % MANAGEMENT)
    ct.start_logging(Name=name)


def management_chain(endpoint, region):
    logs = client(endpoint, "logs", region)
    logs.create_log_group(logGroupName="org-trail-logs")
    sns = client(endpoint, "sns", region)
    topic = sns.create_topic(Name="org-security-alerts")["TopicArn"]
    sns.subscribe(TopicArn=topic, Protocol="email", Endpoint="secops@example.com")
    cw = client(endpoint, "cloudwatch", region)
    for metric, pattern in CIS.items():
        logs.put_metric_filter(logGroupName="org-trail-logs", filterName=metric, filterPattern=pattern,
                               metricTransformations=[{"metricName": metric, "metricNamespace": NAMESPACE,
                                                       "metricValue": "1"}])
        cw.put_metric_alarm(AlarmName=metric + "Alarm", MetricName=metric, Namespace=NAMESPACE, Statistic="Sum",
                            Period=300, EvaluationPeriods=1, Threshold=1.0,
                            ComparisonOperator="GreaterThanOrEqualToThreshold", AlarmActions=[topic])
    group_arn = f"arn:aws:logs:{region}:{MANAGEMENT}:log-group:org-trail-logs:*"
    trail(endpoint, region, None, "org-trail", group_arn)
    return group_arn


def main():
    endpoint, members, regions = sys.argv[1], int(sys.argv[2]), sys.argv[3].split(",")
    home = regions[0]
    org = client(endpoint, "organizations", "us-east-1")
    org.create_organization(FeatureSet="ALL")
    group_arn = management_chain(endpoint, home)
    ids, without = [], []
    for i in range(members):
        status = org.create_account(Email=f"member{i}@example.com", AccountName=f"member-{i}")
        account = status["CreateAccountStatus"]["AccountId"]
        ids.append(account)
        if i % 10 == 9:
            without.append(account)
            continue
        trail(endpoint, home, as_account(endpoint, account, home), "member-trail", group_arn)
    manifest = {"management": MANAGEMENT, "members": ids, "withoutTrail": without, "logGroup": group_arn}
    if len(sys.argv) > 4:
        with open(sys.argv[4], "w") as out:
            json.dump(manifest, out, indent=1)
    print(json.dumps({"members": len(ids), "withoutTrail": len(without)}))


if __name__ == "__main__":
    main()
