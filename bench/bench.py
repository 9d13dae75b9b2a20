"""Measures cis-sentinel's scan and Prowler's five matching checks on the S, M and L fixtures.

Run through bench/run, which prepares the virtual environments and the jar and then calls
`bench.py MEASURE` and `report.py`. Writes bench/out/results.json (and per-run files under bench/out/).

For each fixture: a fresh emulator (bench/moto_paged.py: moto_server with AWS paging), seeded by
bench/seed.py (not timed), a counting proxy (bench/callcount.py) in front of it for the counted runs;
then, per tool, one counted run through the proxy (its verdicts and its calls by API and region) and
several timed runs straight to the emulator (wall time, CPU time, peak RSS, the emulator's CPU time, and
the number of requests in the emulator's own access log).
"""

import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
OUT = BENCH / "out"
JAR = ROOT / "target" / "cis-sentinel.jar"
ARCHIVE = OUT / "cis-sentinel.jsa"
TUNED_JVM = [f"-XX:SharedArchiveFile={ARCHIVE}", "-XX:TieredStopAtLevel=1"]
TUNED_RUNS = 4

# Repetitions (whole processes). Prowler's L run takes over a minute on this machine: fewer repetitions there.
RUNS = {
    "ours": {"S": 7, "M": 7, "L": 7},
    "prowler": {"S": 3, "M": 3, "L": 2},
}
HEAP_STEPS_MB = [256, 128, 64, 48, 32, 24, 16, 12]
SCANNED_REGION = "us-east-1"
ACCOUNT_ENV = {
    "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": SCANNED_REGION,
    "AWS_DEFAULT_REGION": SCANNED_REGION,
}
# Security Hub control -> Prowler check (Prowler's CIS mapping for the same CIS recommendation).
PROWLER_CHECKS = {
    "CloudWatch.1": "cloudwatch_log_metric_filter_root_usage",
    "CloudWatch.2": "cloudwatch_log_metric_filter_unauthorized_api_calls",
    "CloudWatch.4": "cloudwatch_log_metric_filter_policy_changes",
    "CloudWatch.5": "cloudwatch_log_metric_filter_and_alarm_for_cloudtrail_configuration_changes_enabled",
    "CloudWatch.6": "cloudwatch_log_metric_filter_authentication_failures",
}
# The other ten recommendations (Prowler's CIS 4.2, 4.7-4.15 checks), for BENCH_CONTROLS=all.
MORE_PROWLER_CHECKS = {
    "CloudWatch.3": "cloudwatch_log_metric_filter_sign_in_without_mfa",
    "CloudWatch.7": "cloudwatch_log_metric_filter_disable_or_scheduled_deletion_of_kms_cmk",
    "CloudWatch.8": "cloudwatch_log_metric_filter_for_s3_bucket_policy_changes",
    "CloudWatch.9": "cloudwatch_log_metric_filter_and_alarm_for_aws_config_configuration_changes_enabled",
    "CloudWatch.10": "cloudwatch_log_metric_filter_security_group_changes",
    "CloudWatch.11": "cloudwatch_changes_to_network_acls_alarm_configured",
    "CloudWatch.12": "cloudwatch_changes_to_network_gateways_alarm_configured",
    "CloudWatch.13": "cloudwatch_changes_to_network_route_tables_alarm_configured",
    "CloudWatch.14": "cloudwatch_changes_to_vpcs_alarm_configured",
    "CIS.Organizations": "cloudwatch_log_metric_filter_aws_organizations_changes",
}
# BENCH_CONTROLS=all scans every row (scan --controls all) and runs Prowler's fifteen checks; the fixtures seed
# chains for the default five only, so the other ten fail in both tools. The published figures use the default.
BENCH_CONTROLS = os.environ.get("BENCH_CONTROLS", "")
if BENCH_CONTROLS == "all":
    PROWLER_CHECKS = {**PROWLER_CHECKS, **MORE_PROWLER_CHECKS}
elif BENCH_CONTROLS:
    raise SystemExit(f"BENCH_CONTROLS must be 'all' or unset, not {BENCH_CONTROLS!r}")
CHECK_TO_CONTROL = {v: k for k, v in PROWLER_CHECKS.items()}
REQUEST_LINE = re.compile(r'"(GET|POST|PUT|DELETE|HEAD|PATCH) (\S+) HTTP/[\d.]+" \d{3}')
ANSI = re.compile(r"\x1b\[[0-9;]*m")  # werkzeug colours the request line of 4xx/5xx answers


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def loadavg():
    return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]


def wait_http(port, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answers on port {port}")


class Emulator:
    """moto_paged.py on a free port, its access log in a file, and a counting proxy in front of it."""

    def __init__(self, python, name):
        self.dir = OUT / name
        self.dir.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.log_path = self.dir / "moto.log"
        self.paging_off = self.dir / "paging-off"
        self.paging_off.unlink(missing_ok=True)
        env = dict(os.environ, BENCH_PAGING_OFF_FILE=str(self.paging_off))
        self.process = subprocess.Popen([python, str(BENCH / "moto_paged.py"), "-H", "127.0.0.1", "-p",
                                         str(self.port)], stdout=open(self.log_path, "w"),
                                        stderr=subprocess.STDOUT, env=env)
        wait_http(self.port)
        self.proxy_port = free_port()
        self.calls_path = self.dir / "calls.jsonl"
        self.calls_path.write_text("")
        self.proxy = subprocess.Popen([python, str(BENCH / "callcount.py"), str(self.proxy_port),
                                       f"http://127.0.0.1:{self.port}", str(self.calls_path)],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        wait_http(self.proxy_port)
        # bench/run stops these by id if this script dies without its finally blocks.
        with open(OUT / "emulator.pids", "a") as f:
            f.write(f"{self.process.pid}\n{self.proxy.pid}\n")

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def proxy_endpoint(self):
        return f"http://127.0.0.1:{self.proxy_port}"

    def requests_logged(self):
        count = 0
        with open(self.log_path, errors="replace") as f:
            for line in f:
                match = REQUEST_LINE.search(ANSI.sub("", line))
                if match and not match.group(2).startswith("/moto-api"):
                    count += 1
        return count

    def cpu_seconds(self):
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def proxied_calls(self):
        with open(self.calls_path) as f:
            return [json.loads(line) for line in f if line.strip()]

    def stop(self):
        for process in (self.proxy, self.process):
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()


def run_process(command, env, stdout_path, stderr_path, emulator=None):
    """Runs one whole process; wall, user and system CPU, peak RSS (wait4's rusage, as /usr/bin/time -v
    reports it), exit code, and what the emulator logged and spent meanwhile."""
    before_requests = emulator.requests_logged() if emulator else None
    before_cpu = emulator.cpu_seconds() if emulator else None
    with open(stdout_path, "w") as out, open(stderr_path, "w") as err:
        started = time.monotonic()
        process = subprocess.Popen(command, env=env, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
    result = {"wall_s": round(wall, 3), "user_s": round(usage.ru_utime, 3), "sys_s": round(usage.ru_stime, 3),
              "rss_mb": round(usage.ru_maxrss / 1024, 1), "exit": process.returncode}
    if emulator:
        time.sleep(0.3)  # the access log line is written after the response has gone out
        result["emulator_requests"] = emulator.requests_logged() - before_requests
        result["emulator_cpu_s"] = round(emulator.cpu_seconds() - before_cpu, 2)
    return result


def summary(values):
    values = sorted(values)
    return {"min": values[0], "median": round(statistics.median(values), 3), "max": values[-1], "n": len(values)}


def calls_breakdown(entries):
    by_api = Counter(f"{e['service']}:{e['op']}" for e in entries)
    by_region = Counter(e["region"] or "-" for e in entries)
    errors = Counter(f"{e['service']}:{e['op']} {e['status']}" for e in entries if e["status"] >= 400)
    return {"total": len(entries), "byApi": dict(by_api.most_common()), "byRegion": dict(by_region.most_common()),
            "regions": len(by_region), "errors": dict(errors.most_common()),
            "emulator_ms": round(sum(e["ms"] for e in entries))}


# ---------------------------------------------------------------------------------------------- cis-sentinel


def ours_command(extra_jvm=()):
    return ["java", *extra_jvm, "-jar", str(JAR), "scan", "--region", SCANNED_REGION, "--format", "json",
            "--no-publish", *(["--controls", "all"] if BENCH_CONTROLS == "all" else [])]


def ours_verdicts(stdout_path):
    data = json.loads(Path(stdout_path).read_text())
    return data, {c["id"]: {"status": c["status"], "reason": c["reason"]} for c in data["controls"]}


def measure_ours(emulator, fixture, manifest):
    d = emulator.dir
    env = dict(os.environ, **ACCOUNT_ENV)
    result = {}

    # Counted run, through the proxy: verdicts, the scan's own count, the proxy's.
    start = len(emulator.proxied_calls())
    counted = run_process(ours_command(), dict(env, AWS_ENDPOINT_URL=emulator.proxy_endpoint),
                          d / "ours-counted.json", d / "ours-counted.err", emulator)
    data, verdicts = ours_verdicts(d / "ours-counted.json")
    result["verdicts"] = verdicts
    result["chains"] = {c["id"]: [{"kind": link["kind"], "name": link["name"], "region": link.get("region")}
                                  for link in c.get("chain", [])] for c in data["controls"]}
    result["own_count"] = data["awsCalls"]
    result["proxy_count"] = calls_breakdown(emulator.proxied_calls()[start:])
    result["counted_run"] = counted
    result["scan_duration_ms"] = [data["durationMillis"]]
    log(f"  cis-sentinel counted: {data['awsCalls']['total']} calls (proxy {result['proxy_count']['total']}, "
        f"emulator log {counted['emulator_requests']}), {counted['wall_s']} s")

    # Timed runs, straight to the emulator; the tuned-JVM runs (AppCDS archive + C1 only, the options the S
    # start-up breakdown points to) interleaved with them, so that both see the same machine.
    env_direct = dict(env, AWS_ENDPOINT_URL=emulator.endpoint)
    runs, tuned = [], []
    for i in range(RUNS["ours"][fixture]):
        run = run_process(ours_command(), env_direct, d / f"ours-{i}.json", d / f"ours-{i}.err", emulator)
        data, v = ours_verdicts(d / f"ours-{i}.json")
        run["scan_duration_ms"] = data["durationMillis"]
        run["own_calls"] = data["awsCalls"]["total"]
        run["same_verdicts"] = v == verdicts
        runs.append(run)
        if ARCHIVE.exists() and i < TUNED_RUNS:
            run = run_process(ours_command(TUNED_JVM), env_direct, d / "ours-tuned.json", d / "ours-tuned.err",
                              emulator)
            run["same_verdicts"] = ours_verdicts(d / "ours-tuned.json")[1] == verdicts
            tuned.append(run)
    result["runs"] = runs
    result["wall"] = summary([r["wall_s"] for r in runs])
    result["cpu"] = summary([round(r["user_s"] + r["sys_s"], 2) for r in runs])
    result["rss_mb"] = summary([r["rss_mb"] for r in runs])
    result["emulator_cpu"] = summary([r["emulator_cpu_s"] for r in runs])
    result["in_process_ms"] = summary([r["scan_duration_ms"] for r in runs])
    result["emulator_requests"] = sorted({r["emulator_requests"] for r in runs})
    log(f"  cis-sentinel timed x{len(runs)}: wall {result['wall']}, RSS {result['rss_mb']['max']} MB")
    if tuned:
        result["tuned"] = {"jvm": ["-XX:SharedArchiveFile=cis-sentinel.jsa", "-XX:TieredStopAtLevel=1"],
                           "wall": summary([r["wall_s"] for r in tuned]),
                           "cpu": summary([round(r["user_s"] + r["sys_s"], 2) for r in tuned]),
                           "rss_mb": summary([r["rss_mb"] for r in tuned]),
                           "same_verdicts": all(r["same_verdicts"] for r in tuned)}
        log(f"  cis-sentinel tuned JVM x{len(tuned)}: wall {result['tuned']['wall']}")

    # Heap: lower -Xmx until the scan no longer gives the same verdicts (or fails).
    heap = []
    for mb in HEAP_STEPS_MB:
        run = run_process(ours_command([f"-Xmx{mb}m"]), env_direct, d / f"ours-xmx{mb}.json",
                          d / f"ours-xmx{mb}.err")
        try:
            ok = run["exit"] in (0, 3) and ours_verdicts(d / f"ours-xmx{mb}.json")[1] == verdicts
        except (ValueError, KeyError):
            ok = False
        oom = "OutOfMemoryError" in Path(d / f"ours-xmx{mb}.err").read_text(errors="replace")
        heap.append({"xmx_mb": mb, "ok": ok, "oom": oom, "wall_s": run["wall_s"], "rss_mb": run["rss_mb"]})
        if not ok:
            break
    passing = [h["xmx_mb"] for h in heap if h["ok"]]
    result["heap_steps"] = heap
    result["min_xmx_mb"] = min(passing) if passing else None
    result["first_failing_xmx_mb"] = next((h["xmx_mb"] for h in heap if not h["ok"]), None)
    log(f"  cis-sentinel heap: passes at -Xmx{result['min_xmx_mb']}m, fails at -Xmx{result['first_failing_xmx_mb']}m")

    # For comparison only: the same scan on stock moto paging (everything in one page).
    emulator.paging_off.write_text("off\n")
    try:
        run = run_process(ours_command(), env_direct, d / "ours-unpaged.json", d / "ours-unpaged.err", emulator)
        data, v = ours_verdicts(d / "ours-unpaged.json")
        result["unpaged"] = {"calls": data["awsCalls"]["total"], "byApi": data["awsCalls"]["byApi"],
                             "wall_s": run["wall_s"], "scan_duration_ms": data["durationMillis"],
                             "same_verdicts": v == verdicts, "emulator_requests": run["emulator_requests"]}
    finally:
        emulator.paging_off.unlink(missing_ok=True)
    return result


def profile_ours(emulator, name):
    """One scan under JFR (profile settings): where the client's CPU goes."""
    d = emulator.dir
    jfr = d / f"{name}.jfr"
    env = dict(os.environ, **ACCOUNT_ENV, AWS_ENDPOINT_URL=emulator.endpoint)
    # JFR's "profile" settings, but sampling Java code every 1 ms instead of 10 (a scan lives a few seconds).
    props = subprocess.run(["java", "-XshowSettings:properties", "-version"], capture_output=True, text=True).stderr
    java_home = re.search(r"java\.home = (.*)", props).group(1).strip()
    settings = (Path(java_home) / "lib" / "jfr" / "profile.jfc").read_text()
    settings = re.sub(r'(control="method-sampling-java-interval">)[^<]*<', r"\g<1>1 ms<", settings)
    jfc = d / "profile-1ms.jfc"
    jfc.write_text(settings)
    run = run_process(ours_command([f"-XX:StartFlightRecording=filename={jfr},settings={jfc}"]), env,
                      d / f"{name}-jfr.out", d / f"{name}-jfr.err")
    text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "96", str(jfr)],
                          capture_output=True, text=True).stdout
    samples = []
    for block in text.split("jdk.ExecutionSample")[1:]:
        frames = re.findall(r"^\s+([\w$.<>/]+)\(", block, re.M)
        if frames:
            samples.append(frames)
    # Inclusive: a sample counts for every category with a frame on its stack (so they overlap).
    categories = [
        ("AWS SDK, any frame", ("software.amazon.awssdk.",)),
        ("… SDK XML unmarshalling (query protocol: CloudWatch, SNS, STS)",
         ("software.amazon.awssdk.protocols.query", "com.sun.org.apache.xerces", "javax.xml.stream", "com.sun.xml")),
        ("… TLS set-up: the HTTP client's SSLContext loads the JDK trust store",
         ("software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.getSslContext",)),
        ("class loading, linking, lambda bootstrap", ("java.lang.ClassLoader", "jdk.internal.loader", "java.util.jar",
                                                      "java.util.zip", "java.net.URLClassLoader",
                                                      "sun.net.www.protocol.jar", "java.lang.invoke",
                                                      "jdk.internal.org.objectweb.asm")),
        ("logging (log4j)", ("org.apache.logging.",)),
        ("Jackson (result JSON)", ("com.fasterxml.jackson.",)),
        ("filter-pattern engine and chain evaluation", ("dev.cissentinel.pattern.", "dev.cissentinel.controls.")),
    ]
    inclusive = Counter()
    top_self = Counter()
    for frames in samples:
        top_self[frames[0]] += 1
        for label, prefixes in categories:
            if any(f.startswith(prefixes) for f in frames):
                inclusive[label] += 1
    gc = subprocess.run(["jfr", "print", "--events", "jdk.GarbageCollection", str(jfr)], capture_output=True,
                        text=True).stdout
    gc_ms = sum(float(m) for m in re.findall(r"sumOfPauses = ([\d.]+) ms", gc))
    # The JIT's own account at the end of the run: compilations and compiler-thread time, all tiers.
    stats = subprocess.run(["jfr", "print", "--events", "jdk.CompilerStatistics", str(jfr)], capture_output=True,
                           text=True).stdout
    counts = re.findall(r"compileCount = (\d+)", stats)
    spent = re.findall(r"totalTimeSpent = ([\d.]+) (ms|s)\n", stats)
    comp_ms = (float(spent[-1][0]) * (1000 if spent[-1][1] == "s" else 1)) if spent else 0.0
    return {"wall_s": run["wall_s"], "samples": len(samples),
            "inclusive": {k: inclusive[k] for k, _ in categories},
            "top_self": top_self.most_common(12), "gc_pause_ms": round(gc_ms, 1),
            "jit_compile_ms": round(comp_ms, 1), "compilations": int(counts[-1]) if counts else 0,
            "jfr_file": str(jfr.relative_to(ROOT))}


def startup_breakdown(emulator):
    """S fixture: where the whole-process time goes (class-load uptimes) and what JVM options change."""
    d = emulator.dir
    env = dict(os.environ, **ACCOUNT_ENV, AWS_ENDPOINT_URL=emulator.endpoint)
    result = {}
    version = [run_process(["java", "-jar", str(JAR), "--version"], env, d / "version.out", d / "version.err")
               for _ in range(3)]
    result["jvm_version_cmd"] = summary([r["wall_s"] for r in version])

    trace = d / "classload.txt"
    run = run_process(ours_command([f"-Xlog:class+load:file={trace}:uptime"]), env, d / "classload.json",
                      d / "classload.err")
    markers = [
        ("main class loaded", "dev.cissentinel.cli.Main "),
        ("first log4j class", "org.apache.logging.log4j"),
        ("first AWS SDK class", "software.amazon.awssdk"),
        ("STS answer (first call)", "software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse"),
        ("CloudWatch alarms read", "software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse"),
        ("SNS answer (last call)", "software.amazon.awssdk.services.sns.model.ListSubscriptionsByTopicResponse"),
        ("first pattern-engine class", "dev.cissentinel.pattern."),
    ]
    lines = trace.read_text().splitlines()
    found = {}
    sources = Counter()
    libraries = Counter()
    library_prefixes = [("AWS SDK", "software.amazon.awssdk."), ("log4j", "org.apache.logging."),
                        ("Jackson", "com.fasterxml.jackson."), ("cis-sentinel", "dev.cissentinel."),
                        ("picocli", "picocli."), ("Powertools", "software.amazon.lambda.")]
    for line in lines:
        m = re.match(r"\[([\d.]+)s\]\s+(\S+) source: (.*)", line)
        if not m:
            continue
        uptime, cls, source = float(m.group(1)), m.group(2), m.group(3)
        sources["JDK (CDS archive)" if "shared objects file" in source else
                "JDK (modules)" if source.startswith("jrt:") else
                "cis-sentinel.jar" if "cis-sentinel.jar" in source else "generated"] += 1
        if "cis-sentinel.jar" in source:
            libraries[next((label for label, prefix in library_prefixes if cls.startswith(prefix)), "other")] += 1
        for label, prefix in markers:
            if label not in found and (cls + " ").startswith(prefix):
                found[label] = uptime
    found["last class loaded"] = max(float(m) for m in re.findall(r"^\[([\d.]+)s\]", trace.read_text(), re.M))
    result["class_load_uptimes_s"] = dict(sorted(found.items(), key=lambda kv: kv[1]))
    result["classes_loaded"] = dict(sources)
    result["jar_classes_by_library"] = dict(libraries.most_common())
    result["classload_run_wall_s"] = run["wall_s"]

    archive = ARCHIVE
    variants = {
        "default": [],
        "-XX:TieredStopAtLevel=1": ["-XX:TieredStopAtLevel=1"],
        "AppCDS archive": [f"-XX:SharedArchiveFile={archive}"],
        "AppCDS + TieredStopAtLevel=1": [f"-XX:SharedArchiveFile={archive}", "-XX:TieredStopAtLevel=1"],
    }
    result["variants"] = {}
    runs_by_variant = {label: [] for label in variants}
    for _ in range(5):  # round-robin, so that every variant sees the same machine
        for label, flags in variants.items():
            runs_by_variant[label].append(run_process(ours_command(flags), env, d / "variant.json",
                                                      d / "variant.err"))
    for label, runs in runs_by_variant.items():
        result["variants"][label] = {"wall": summary([r["wall_s"] for r in runs]),
                                     "cpu": summary([round(r["user_s"] + r["sys_s"], 2) for r in runs]),
                                     "rss_mb": summary([r["rss_mb"] for r in runs])}
    result["cds_archive_mb"] = round(archive.stat().st_size / 2**20, 1) if archive.exists() else None
    return result


def make_archive(emulator):
    """A dynamic AppCDS archive of the classes one S scan loads (for the tuned runs; the jar is unchanged)."""
    env = dict(os.environ, **ACCOUNT_ENV, AWS_ENDPOINT_URL=emulator.endpoint)
    ARCHIVE.unlink(missing_ok=True)
    run_process(ours_command([f"-XX:ArchiveClassesAtExit={ARCHIVE}"]), env, emulator.dir / "cds-dump.json",
                emulator.dir / "cds-dump.err")


# ---------------------------------------------------------------------------------------------- Prowler


def prowler_command(prowler, out_dir, name, regions=None):
    command = [prowler, "aws", "--checks", *PROWLER_CHECKS.values(), "--output-formats", "json-ocsf",
               "--output-directory", str(out_dir), "--output-filename", name, "--no-banner",
               "--log-level", "ERROR"]
    if regions:
        command += ["--region", *regions]
    return command


def prowler_verdicts(out_dir, name):
    findings = json.loads((out_dir / f"{name}.ocsf.json").read_text())
    verdicts = {}
    for f in findings:
        control = CHECK_TO_CONTROL.get(f["metadata"]["event_code"])
        if control:
            verdicts[control] = {"status": f["status_code"], "detail": f.get("status_detail", "")}
    return dict(sorted(verdicts.items()))


def measure_prowler(prowler, emulator, fixture, manifest):
    d = emulator.dir
    out_dir = d / "prowler"
    shutil.rmtree(out_dir, ignore_errors=True)
    env = dict(os.environ, **ACCOUNT_ENV)
    result = {}

    start = len(emulator.proxied_calls())
    counted = run_process(prowler_command(prowler, out_dir, "counted"),
                          dict(env, AWS_ENDPOINT_URL=emulator.proxy_endpoint), d / "prowler-counted.out",
                          d / "prowler-counted.err", emulator)
    result["counted_run"] = counted
    result["verdicts"] = prowler_verdicts(out_dir, "counted")
    result["proxy_count"] = calls_breakdown(emulator.proxied_calls()[start:])
    result["errors_logged"] = sorted({re.sub(r"\s+", " ", line.split("ERROR:", 1)[1])[:200]
                                      for line in Path(d / "prowler-counted.out").read_text(errors="replace")
                                      .splitlines() if "ERROR:" in line})[:12]
    log(f"  Prowler counted: {result['proxy_count']['total']} calls in {result['proxy_count']['regions']} regions "
        f"(emulator log {counted['emulator_requests']}), {counted['wall_s']} s, exit {counted['exit']}")

    env_direct = dict(env, AWS_ENDPOINT_URL=emulator.endpoint)
    runs = []
    for i in range(RUNS["prowler"][fixture]):
        run = run_process(prowler_command(prowler, out_dir, f"run{i}"), env_direct, d / f"prowler-{i}.out",
                          d / f"prowler-{i}.err", emulator)
        run["same_verdicts"] = {k: v["status"] for k, v in prowler_verdicts(out_dir, f"run{i}").items()} == \
                               {k: v["status"] for k, v in result["verdicts"].items()}
        runs.append(run)
    result["runs"] = runs
    result["wall"] = summary([r["wall_s"] for r in runs])
    result["cpu"] = summary([round(r["user_s"] + r["sys_s"], 2) for r in runs])
    result["rss_mb"] = summary([r["rss_mb"] for r in runs])
    result["emulator_cpu"] = summary([r["emulator_cpu_s"] for r in runs])
    result["emulator_requests"] = sorted({r["emulator_requests"] for r in runs})
    log(f"  Prowler timed x{len(runs)}: wall {result['wall']}, RSS {result['rss_mb']['max']} MB")

    # Best case for Prowler: told which regions the fixture uses (--region), so no sweep of empty regions.
    run = run_process(prowler_command(prowler, out_dir, "restricted", manifest["regions"]), env_direct,
                      d / "prowler-restricted.out", d / "prowler-restricted.err", emulator)
    run["verdicts"] = {k: v["status"] for k, v in prowler_verdicts(out_dir, "restricted").items()}
    result["restricted"] = run
    log(f"  Prowler --region {' '.join(manifest['regions'])}: {run['wall_s']} s, {run['emulator_requests']} calls")
    return result


# ---------------------------------------------------------------------------------------------- main


def machine(prowler, tools_python):
    def sh(*command):
        done = subprocess.run(command, capture_output=True, text=True)
        return done.stdout + done.stderr

    lscpu = sh("lscpu")
    model = re.search(r"Model name:\s+(.*)", lscpu)
    mem = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())
    java = sh("java", "-version").strip().splitlines()
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    moto_version = subprocess.run([tools_python, "-c", "import moto; print(moto.__version__)"],
                                  capture_output=True, text=True).stdout.strip()
    prowler_version = subprocess.run([prowler, "-v"], capture_output=True, text=True).stdout.strip().splitlines()
    return {
        "cpus": os.cpu_count(), "cpu_model": model.group(1).strip() if model else "?",
        "mem_gib": round(int(mem.group(1)) / 2**20, 1) if mem else None,
        "kernel": os.uname().release, "java": java[1] if len(java) > 1 else java,
        "python": sys.version.split()[0], "moto": moto_version,
        "prowler": prowler_version[-1] if prowler_version else "?", "commit": commit,
        "jar_mb": round(JAR.stat().st_size / 1e6, 1), "jar_bytes": JAR.stat().st_size,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


def main():
    prowler, tools_python = sys.argv[1], sys.argv[2]
    fixtures = sys.argv[3].split(",") if len(sys.argv) > 3 else ["S", "M", "L"]
    OUT.mkdir(exist_ok=True)
    if ARCHIVE.exists() and ("S" in fixtures or ARCHIVE.stat().st_mtime < JAR.stat().st_mtime):
        ARCHIVE.unlink()  # made anew on S; never one of an older jar
    started = time.monotonic()
    results = {"machine": machine(prowler, tools_python), "runs": RUNS, "fixtures": {}}
    log(f"machine: {results['machine']}")

    prowler_start = [run_process([prowler, "-v"], dict(os.environ), OUT / "prowler-v.out", OUT / "prowler-v.err")
                     for _ in range(3)]
    results["prowler_version_cmd"] = summary([r["wall_s"] for r in prowler_start])

    for fixture in fixtures:
        log(f"fixture {fixture}: starting the emulator and seeding")
        emulator = Emulator(tools_python, fixture)
        try:
            manifest_path = emulator.dir / "manifest.json"
            subprocess.run([tools_python, str(BENCH / "seed.py"), fixture, emulator.endpoint, str(manifest_path)],
                           check=True)
            manifest = json.loads(manifest_path.read_text())
            entry = {"manifest": {k: manifest[k] for k in ("counts", "regions", "alarms_by_region",
                                                            "filters_by_region", "trails", "seed_seconds",
                                                            "seed_calls")},
                     "load_before": loadavg()}
            if fixture == "S":
                make_archive(emulator)
            entry["ours"] = measure_ours(emulator, fixture, manifest)
            if fixture == "S":
                log("  S: start-up breakdown and JVM options")
                entry["startup"] = startup_breakdown(emulator)
            log(f"  {fixture}: JFR profile of one scan")
            entry["profile"] = profile_ours(emulator, f"profile-{fixture}")
            entry["prowler"] = measure_prowler(prowler, emulator, fixture, manifest)
            entry["load_after"] = loadavg()
            results["fixtures"][fixture] = entry
        finally:
            emulator.stop()
        (OUT / "results.json").write_text(json.dumps(results, indent=1))

    results["measure_seconds"] = round(time.monotonic() - started)
    (OUT / "results.json").write_text(json.dumps(results, indent=1))
    log(f"measurements done in {results['measure_seconds']} s: {OUT / 'results.json'}")


if __name__ == "__main__":
    main()
