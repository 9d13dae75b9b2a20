"""Start-up paths of the CLI, paired with Prowler in one run (issue 21). Run through bench/faststart.sh.

On the S fixture (bench/seed.py: 1 trail, 5 filters, 5 alarms, 1 region; the 7-call account) behind
bench/moto_paged.py, round-robin so that the machine's load hits every row alike:

- bin/cis-sentinel scan (publishing) on JDK 25 with its AOT cache and on JDK 17 with its AppCDS archive, both
  cached; java -jar target/cis-sentinel.jar scan on JDK 17 (no launcher) for reference;
- Prowler's five matching checks, as bench/bench.py runs them;
- the launcher's first run on each JDK (an empty cache directory each time: training + writing the cache).

Every figure carries the load average (1 min) read right after it, because the machine is shared. Writes
bench/out/faststart.json and prints the markdown section bench/faststart.sh puts into docs/benchmarks.md.
"""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench import (ACCOUNT_ENV, BENCH, JAR, OUT, PROWLER_CHECKS, ROOT, SCANNED_REGION, Emulator, loadavg,
                   prowler_command, prowler_verdicts, run_process)

LAUNCHER = ROOT / "bin" / "cis-sentinel"
ROUNDS = int(os.environ.get("FASTSTART_ROUNDS", "7"))
PROWLER_ROUNDS = int(os.environ.get("FASTSTART_PROWLER_ROUNDS", "3"))
FIRST_RUNS = int(os.environ.get("FASTSTART_FIRST_RUNS", "3"))
GOAL_SPEEDUP = 20
GOAL_RSS_MIB = 150


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def release(home, key="JAVA_RUNTIME_VERSION"):
    for line in (Path(home) / "release").read_text().splitlines():
        if line.startswith(key + "="):
            return line.split("=", 1)[1].strip('"')
    return "?"


def scan_args():
    return ["scan", "--region", SCANNED_REGION, "--format", "json"]


def verdicts(stdout_path):
    data = json.loads(Path(stdout_path).read_text())
    return {c["id"]: c["status"] for c in data["controls"]}, data.get("publish") or data.get("published")


def timed(command, env, name, emulator):
    d = emulator.dir
    run = run_process(command, env, d / f"{name}.out", d / f"{name}.err")
    run["load1"] = loadavg()[0]
    return run


def stats(runs):
    walls = sorted(r["wall_s"] for r in runs)
    loads = [r["load1"] for r in runs]
    return {"n": len(runs), "min": walls[0], "median": round(statistics.median(walls), 3), "max": walls[-1],
            # run_process's rss_mb is ru_maxrss (KiB) / 1024: MiB.
            "rss_mib": max(r["rss_mb"] for r in runs), "exits": sorted({r["exit"] for r in runs}),
            "load_min": min(loads), "load_max": max(loads)}


def main():
    prowler, jdk25, jdk17 = sys.argv[1], sys.argv[2], sys.argv[3]
    tools_python = sys.argv[4]
    OUT.mkdir(exist_ok=True)
    emulator = Emulator(tools_python, "faststart")
    caches = Path(tempfile.mkdtemp(prefix="cis-sentinel-faststart-"))
    results = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
               "commit": subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                                        capture_output=True, text=True).stdout.strip(),
               "cpus": os.cpu_count(), "jdk25": release(jdk25), "jdk17": release(jdk17),
               "load_start": loadavg()}
    try:
        manifest = emulator.dir / "manifest.json"
        subprocess.run([tools_python, str(BENCH / "seed.py"), "S", emulator.endpoint, str(manifest)], check=True,
                       stdout=subprocess.DEVNULL)
        base = dict(os.environ, **ACCOUNT_ENV, AWS_ENDPOINT_URL=emulator.endpoint)
        base.pop("JAVA_TOOL_OPTIONS", None)
        base.pop("JDK_JAVA_OPTIONS", None)

        def launcher_env(home, cache):
            return dict(base, JAVA_HOME=home, XDG_CACHE_HOME=str(cache), CIS_SENTINEL_JAR=str(JAR))

        configs = {
            "launcher-25": ([str(LAUNCHER), *scan_args()], launcher_env(jdk25, caches / "25")),
            "launcher-17": ([str(LAUNCHER), *scan_args()], launcher_env(jdk17, caches / "17")),
            "jar-17": ([str(Path(jdk17) / "bin" / "java"), "-jar", str(JAR), *scan_args()], base),
        }
        # First runs: an empty cache directory each time (what a user's first scan after a build costs).
        first = {"25": [], "17": []}
        for i in range(FIRST_RUNS):
            for feature, home in (("25", jdk25), ("17", jdk17)):
                fresh = caches / f"first-{feature}-{i}"
                log(f"first run on JDK {feature} ({i + 1}/{FIRST_RUNS})")
                first[feature].append(timed([str(LAUNCHER), *scan_args()], launcher_env(home, fresh),
                                            f"first-{feature}-{i}", emulator))
        # The caches the timed rounds use, made once.
        for name in ("launcher-25", "launcher-17"):
            command, env = configs[name]
            timed(command, env, f"{name}-training", emulator)
        runs = {name: [] for name in configs}
        runs["prowler"] = []
        prowler_out = emulator.dir / "prowler"
        shutil.rmtree(prowler_out, ignore_errors=True)
        prowler_env = dict(base)
        for i in range(ROUNDS):
            log(f"round {i + 1}/{ROUNDS}")
            for name, (command, env) in configs.items():
                runs[name].append(timed(command, env, f"{name}-{i}", emulator))
            if i < PROWLER_ROUNDS:
                runs["prowler"].append(timed(prowler_command(prowler, prowler_out, f"run{i}"), prowler_env,
                                             f"prowler-{i}", emulator))
        results["verdicts"] = {
            "cis-sentinel": verdicts(emulator.dir / "launcher-25-0.out")[0],
            "prowler": {k: v["status"] for k, v in prowler_verdicts(prowler_out, "run0").items()},
        }
        results["stats"] = {name: stats(r) for name, r in runs.items()}
        results["first"] = {feature: stats(r) for feature, r in first.items()}
        results["cache_bytes"] = {p.suffix: p.stat().st_size for p in (caches / "25").rglob("*.aot")} | \
            {p.suffix: p.stat().st_size for p in (caches / "17").rglob("*.jsa")}
        results["load_end"] = loadavg()
    finally:
        emulator.stop()
        shutil.rmtree(caches, ignore_errors=True)
    (OUT / "faststart.json").write_text(json.dumps(results, indent=1))
    print(render(results))


def render(r):
    s = r["stats"]
    prowler = s["prowler"]["median"]

    def row(label, jdk, cache, st):
        speedup = prowler / st["median"]
        return (f"| {label} | {jdk} | {cache} | {st['min']:.2f} / **{st['median']:.2f}** / {st['max']:.2f} s | "
                f"{speedup:.1f}× | {st['rss_mib']:.0f} MiB | "
                f"{', '.join(map(str, st['exits']))} | {st['load_min']:.1f}–{st['load_max']:.1f} |")

    lines = [
        "## Start-up: the launcher, paired with Prowler",
        "",
        "What issue 21 asks: the whole `scan` of the S account (1 trail, 5 filters, 5 alarms, one region: 7 reads), "
        "**with publishing** (GetFindings + BatchImportFindings to moto's Security Hub), started the way the README "
        "starts it, against Prowler's five matching checks, in one run, round-robin. Command (about 12 minutes here; "
        "`bench/faststart.sh --no-lambda` skips the Lambda part):",
        "",
        "```",
        "bench/faststart.sh",
        "```",
        "",
        f"Measured {r['date']} at commit `{r['commit']}` on {r['cpus']} vCPUs shared with other builds: load "
        f"average (1 min) {r['load_start'][0]:.1f} at the start, {r['load_end'][0]:.1f} at the end, and per row "
        "below (read after each run). Under that load the medians are pessimistic and the minimums show what the "
        "machine gives when it is free; re-run the command on a quiet machine for clean figures. Wall time is launch "
        "to exit of the whole process (the launcher's shell included), peak RSS from `wait4` (what "
        "`/usr/bin/time -v` reports).",
        "",
        f"| command | JDK | start-up cache | wall min / **median** / max | vs Prowler (median) | peak RSS | exit | "
        f"load |",
        "|---|---|---|---|---:|---:|---|---|",
        row("`bin/cis-sentinel scan`", r["jdk25"], "AOT cache, made by an earlier run", s["launcher-25"]),
        row("`bin/cis-sentinel scan`", r["jdk17"], "AppCDS archive, made by an earlier run", s["launcher-17"]),
        row("`java -jar target/cis-sentinel.jar scan`", r["jdk17"], "none (the JDK's own CDS)", s["jar-17"]),
        row("`bin/cis-sentinel scan`, first run", r["jdk25"], "none: trains, then writes the cache",
            r["first"]["25"]),
        row("`bin/cis-sentinel scan`, first run", r["jdk17"], "none: trains, the JVM writes the archive at exit",
            r["first"]["17"]),
        f"| Prowler 5 checks (`prowler aws --checks …`, {s['prowler']['n']} runs) | Python | – | "
        f"{s['prowler']['min']:.2f} / **{s['prowler']['median']:.2f}** / {s['prowler']['max']:.2f} s | 1.0× | "
        f"{s['prowler']['rss_mib']:.0f} MiB | {', '.join(map(str, s['prowler']['exits']))} | "
        f"{s['prowler']['load_min']:.1f}–{s['prowler']['load_max']:.1f} |",
        "",
        f"Runs per row: {s['launcher-25']['n']} (first runs: {r['first']['25']['n']}, each with an empty cache "
        f"directory). Cache sizes: "
        + ", ".join(f"{k[1:]} {v / 2**20:.0f} MiB" for k, v in r.get("cache_bytes", {}).items())
        + ". Exit 3 is the scan's verdict (the S account has one FAILED control), the same every run. Verdicts: "
        + ", ".join(f"{k} {v}" for k, v in r["verdicts"]["cis-sentinel"].items())
        + "; Prowler: " + ", ".join(f"{k} {v}" for k, v in r["verdicts"]["prowler"].items()) + ".",
        "",
    ]
    best = s["launcher-25"]
    lines += [
        "| goal | measured | |",
        "|---|---|---|",
        f"| ≥ {GOAL_SPEEDUP}× faster than Prowler (median wall, publishing) | JDK 25 + AOT cache "
        f"{prowler / best['median']:.1f}× ({best['median']:.2f} s vs {prowler:.2f} s); JDK 17 + AppCDS "
        f"{prowler / s['launcher-17']['median']:.1f}× | "
        f"{'met' if prowler / best['median'] >= GOAL_SPEEDUP else 'not met at this load'} |",
        f"| peak RSS ≤ {GOAL_RSS_MIB} MiB | JDK 25 + AOT cache {best['rss_mib']:.0f} MiB, JDK 17 + AppCDS "
        f"{s['launcher-17']['rss_mib']:.0f} MiB | {'met' if best['rss_mib'] <= GOAL_RSS_MIB else 'not met'} |",
        f"| the first run's cost, stated | JDK 25: {r['first']['25']['median']:.2f} s median (the scan, recorded, "
        f"then the cache written); JDK 17: {r['first']['17']['median']:.2f} s | stated |",
        "",
    ]
    return "\n".join(lines)


def render_lambda(path):
    """The Lambda part: bench/lambda-init.sh's output as it printed it, and the two goals read off its table."""
    text = Path(path).read_text()
    rows = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 7 and cells[3].isdigit():
            rows.append(cells)
    out = ["### Lambda under the runtime emulator (RIE), same run", "",
           "`bench/lambda-init.sh 5` with `LAMBDA_JDKS` set to both JDKs (see \"Lambda init and invoke\" below for "
           "how it measures; the \"primed\" rows run SnapStart's checkpoint hook after init, so their init includes "
           "priming, which Lambda pays once per published version, and their first invoke is what a restored "
           "snapshot's first event costs; the restore itself is not measured):", "", "```"]
    out += [line for line in text.splitlines() if line and not line.startswith("|")][:4] + ["```", ""]
    out += [line for line in text.splitlines() if line.startswith("|")] + [""]
    if rows:
        def best(index, predicate):
            chosen = [r for r in rows if predicate(r)]
            return min(chosen, key=lambda r: int(r[index])) if chosen else None
        cold = best(5, lambda r: "primed" not in r[2])
        restored = best(4, lambda r: "primed" in r[2])
        warm = best(6, lambda r: True)
        out += ["| goal | measured | |", "|---|---|---|"]
        if cold:
            out.append(f"| RIE init + first invoke ≤ 1.0 s | on-demand (no snapshot): {cold[5]} ms best median "
                       f"({cold[1]}, {cold[2]})"
                       + (f"; after a primed snapshot, first invoke {restored[4]} ms ({restored[1]}, {restored[2]}),"
                          " plus the restore, not measured here" if restored else "")
                       + f" | {'met' if int(cold[5]) <= 1000 else 'not met on demand'} |")
        if warm:
            out.append(f"| warm invoke ≤ 100 ms | {warm[6]} ms best median ({warm[1]}, {warm[2]}) | "
                       f"{'met' if int(warm[6]) <= 100 else 'not met at this load'} |")
        out.append("")
    out += ["Classes loaded, one environment:", "", "```"]
    out += [line for line in text.splitlines() if line.startswith("  ")] + ["```", ""]
    return "\n".join(out)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "lambda":
        print(render_lambda(sys.argv[2]))
    else:
        main()
