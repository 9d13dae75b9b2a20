"""moto_server (moto 5.2.1) with AWS's paging for the two list calls it answers in one page.

moto 5.2.1 returns every alarm to DescribeAlarms and every filter to DescribeMetricFilters in one response,
ignoring MaxRecords / limit (and DescribeMetricFilters echoes the request's nextToken back). On AWS both are
paged: DescribeAlarms up to MaxRecords (1-100) a page, DescribeMetricFilters up to limit (1-50, default 50).
Without paging, the call counts of both tools on the M and L fixtures would be lower than on AWS and the
shape of their work different (one 2 MB response instead of 20 pages), so this wrapper pages both:

- DescribeAlarms: MaxRecords a page; when it is absent, 50 (assumed: the API reference documents only the
  1-100 range; the AWS CLI's pages without --page-size are of 50). Metric and composite alarms are paged
  together, in moto's order.
- DescribeMetricFilters: limit a page, 50 when absent (documented default).

The NextToken is an opaque "bench-<offset>". Everything else is moto as installed. Creating a file at
$BENCH_PAGING_OFF_FILE turns paging off at run time (stock moto behaviour), for one comparison run.

Usage: the same arguments as moto_server (-H HOST -p PORT).
"""

import json
import os

from moto.cloudwatch.responses import CloudWatchResponse
from moto.core.responses import ActionResult
from moto.logs.responses import LogsResponse
from moto.server import main

OFF_FLAG = os.environ.get("BENCH_PAGING_OFF_FILE")


def _paging():
    return not (OFF_FLAG and os.path.exists(OFF_FLAG))


def _offset(token):
    if not token:
        return 0
    if not token.startswith("bench-"):
        raise ValueError(f"not a token of this emulator: {token!r}")
    return int(token[len("bench-"):])


_describe_alarms = CloudWatchResponse.describe_alarms


def describe_alarms(self):
    result = _describe_alarms(self)
    if not _paging():
        return result
    data = result.result
    everything = [("MetricAlarms", a) for a in data["MetricAlarms"]] + \
                 [("CompositeAlarms", a) for a in data["CompositeAlarms"]]
    size = int(self._get_param("MaxRecords") or 50)
    start = _offset(self._get_param("NextToken"))
    page = everything[start:start + size]
    paged = {"MetricAlarms": [a for kind, a in page if kind == "MetricAlarms"],
             "CompositeAlarms": [a for kind, a in page if kind == "CompositeAlarms"]}
    if start + size < len(everything):
        paged["NextToken"] = f"bench-{start + size}"
    return ActionResult(paged)


_describe_metric_filters = LogsResponse.describe_metric_filters


def describe_metric_filters(self):
    body = json.loads(_describe_metric_filters(self))
    if not _paging():
        return json.dumps(body)
    filters = body["metricFilters"]
    size = int(self._get_param("limit") or 50)
    start = _offset(self._get_param("nextToken"))
    paged = {"metricFilters": filters[start:start + size]}
    if start + size < len(filters):
        paged["nextToken"] = f"bench-{start + size}"
    return json.dumps(paged)


CloudWatchResponse.describe_alarms = describe_alarms
LogsResponse.describe_metric_filters = describe_metric_filters

if __name__ == "__main__":
    main()
