#!/usr/bin/env bash
# Organization scans at scale on one moto_server: `scan --organization --regions R1,R2,R3` over a seeded
# organization (bench/org_seed.py: the management account's compliant chain, members whose trails deliver to it,
# every tenth member without a trail), for each organization size; wall time, AWS calls per target, peak RSS.
#
#   bench/org.sh [MEMBERS...]        # default: 10 100 300 member accounts (plus the management account)
#
# Environment: REGIONS (default us-east-1,eu-west-1,eu-central-1), CONCURRENCY (8), JAVA_OPTS (none; the JVM's
# defaults), PUBLISH (1: findings go to each member's Security Hub, as in production; 0: --no-publish).
# Needs target/cis-sentinel.jar (mvn -B -ntp -q -DskipTests package), moto_server and boto3 on the PATH.
# Prints one Markdown row per size, for docs/benchmarks.md; per-run files land in bench/out/org/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("${@:-10 100 300}")
read -r -a sizes <<< "${sizes[*]}"
regions=${REGIONS:-us-east-1,eu-west-1,eu-central-1}
concurrency=${CONCURRENCY:-8}
publish=${PUBLISH:-1}
jar=target/cis-sentinel.jar
out=bench/out/org
mkdir -p "$out"
[[ -f $jar ]] || { echo "no $jar: mvn -B -ntp -q -DskipTests package" >&2; exit 2; }

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

moto_pid=
cleanup() { [[ -n $moto_pid ]] && kill "$moto_pid" 2>/dev/null || true; }
trap cleanup EXIT

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), moto $(python3 -c 'import moto; print(moto.__version__)')"
echo
echo "| members | targets | wall s | targets/s | reads per target | HTTP requests per target | peak RSS MB | load avg before → after |"
echo "|---|---|---|---|---|---|---|---|"
for members in "${sizes[@]}"; do
    port=$(free_port)
    moto_server -H 127.0.0.1 -p "$port" > "$out/moto-$members.log" 2>&1 &
    moto_pid=$!
    for _ in $(seq 50); do
        curl -s -o /dev/null "http://127.0.0.1:$port/moto-api/" && break
        sleep 0.2
    done
    python3 bench/org_seed.py "http://127.0.0.1:$port" "$members" "$regions" "$out/manifest-$members.json" > /dev/null
    seeded=$(wc -l < "$out/moto-$members.log")
    load_before=$(cut -d' ' -f1 /proc/loadavg)
    flags=(scan --organization --role-name cis-sentinel-member --regions "$regions" --region us-east-1
        --concurrency "$concurrency" --format json --quiet)
    [[ $publish == 1 ]] || flags+=(--no-publish)
    start=$(date +%s.%N)
    set +e
    # shellcheck disable=SC2086
    AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing \
        /usr/bin/time -f '%M' -o "$out/rss-$members.txt" java ${JAVA_OPTS:-} -jar "$jar" "${flags[@]}" \
        > "$out/scan-$members.json" 2> "$out/scan-$members.err"
    exit_code=$?
    set -e
    end=$(date +%s.%N)
    load_after=$(cut -d' ' -f1 /proc/loadavg)
    requests=$(( $(wc -l < "$out/moto-$members.log") - seeded ))
    kill "$moto_pid"; wait "$moto_pid" 2>/dev/null || true; moto_pid=
    python3 - "$out/scan-$members.json" "$members" "$start" "$end" "$requests" "$out/rss-$members.txt" \
        "$load_before" "$load_after" "$exit_code" <<'PY'
import json, sys
path, members, start, end, requests, rss, before, after, code = sys.argv[1:]
targets = json.load(open(path))
wall = float(end) - float(start)
reads = sum(t.get("awsCalls", {}).get("total", 0) for t in targets)
errors = sum(1 for t in targets if "error" in t)
rss_mb = int(open(rss).read().split()[-1]) / 1024
note = f" (exit {code}, {errors} not scanned)" if errors or code not in ("0", "3") else ""
print(f"| {members} | {len(targets)} | {wall:.1f} | {len(targets) / wall:.1f} | {reads / len(targets):.2f} | "
      f"{int(requests) / len(targets):.2f} | {rss_mb:.0f} | {before} → {after} |{note}")
PY
done
