#!/usr/bin/env bash
# Start-up, in one run (issue 21): bin/cis-sentinel scan with publishing on JDK 25 (AOT cache) and JDK 17
# (AppCDS), cached and first run, java -jar for reference, paired round-robin with Prowler's five checks on the S
# account; then the Lambda jar under the runtime emulator on both JDKs (bench/lambda-init.sh). Writes its section of
# docs/benchmarks.md (between the faststart markers) and prints it.
#
#   bench/faststart.sh               # everything, about 12 minutes here
#   bench/faststart.sh --no-lambda   # only the CLI and Prowler
#
# JDKs: FASTSTART_JDK25 and FASTSTART_JDK17 (JDK directories), else the first of each under /usr/lib/jvm.
# Needs what bench/run needs (Python 3.10-3.12, PyPI on the first run: Prowler and moto go into bench/.venv/) and
# Go for the runtime emulator. Not part of `mvn verify`.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
BENCH="$ROOT/bench"
OUT="$BENCH/out"
PROWLER_VERSION=5.46.0
MOTO_VERSION=5.2.1
MATPLOTLIB_VERSION=3.10.8
lambda=yes
[[ "${1:-}" == "--no-lambda" ]] && lambda=no

say() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

jdk() { # jdk FEATURE: a JDK directory of that feature release
    local home
    for home in /usr/lib/jvm/*; do
        if [[ -x $home/bin/java && -f $home/release ]] && grep -q "^JAVA_VERSION=\"$1[.\"]" "$home/release"; then
            echo "$home"
            return
        fi
    done
    echo "bench/faststart.sh: no JDK $1 under /usr/lib/jvm; set FASTSTART_JDK$1" >&2
    exit 2
}
jdk25=${FASTSTART_JDK25:-$(jdk 25)}
jdk17=${FASTSTART_JDK17:-$(jdk 17)}

pick_python() {
  for candidate in python3.12 python3.11 python3.10 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(0 if (3, 10) <= sys.version_info[:2] <= (3, 12) else 1)' 2>/dev/null; then
      command -v "$candidate"
      return
    fi
  done
  echo "bench/faststart.sh: needs Python 3.10, 3.11 or 3.12 (Prowler $PROWLER_VERSION does not run on others)" >&2
  exit 2
}
venv() { # the same virtual environments and markers as bench/run
  local dir="$1" marker="$2"
  shift 2
  if [[ ! -f "$dir/.bench-$marker" ]]; then
    say "installing $* into ${dir#"$ROOT"/} (once)"
    rm -rf "$dir"
    "$PYTHON" -m venv "$dir"
    "$dir/bin/pip" install -q --disable-pip-version-check "$@"
    touch "$dir/.bench-$marker"
  fi
}
stop_leftovers() {
  if [[ -f "$OUT/emulator.pids" ]]; then
    while read -r pid; do
      [[ -n "$pid" ]] && kill "$pid" 2>/dev/null || true
    done <"$OUT/emulator.pids"
    rm -f "$OUT/emulator.pids"
  fi
}

PYTHON="$(pick_python)"
mkdir -p "$OUT"
trap stop_leftovers EXIT
venv "$BENCH/.venv/tools" "moto-$MOTO_VERSION-mpl-$MATPLOTLIB_VERSION" \
  "moto[server]==$MOTO_VERSION" "matplotlib==$MATPLOTLIB_VERSION"
venv "$BENCH/.venv/prowler" "prowler-$PROWLER_VERSION" "prowler==$PROWLER_VERSION"

say "building the jars"
mvn -B -ntp -q -DskipTests package

say "CLI and Prowler (JDK 25: $jdk25, JDK 17: $jdk17)"
section="$OUT/faststart.md"
(cd "$BENCH" && "$BENCH/.venv/tools/bin/python" faststart.py "$BENCH/.venv/prowler/bin/prowler" "$jdk25" "$jdk17" \
  "$BENCH/.venv/tools/bin/python") > "$section"

if [[ $lambda == yes ]]; then
  say "Lambda jar under the runtime emulator on both JDKs"
  LAMBDA_JDKS="$jdk25 $jdk17" bench/lambda-init.sh 5 > "$OUT/faststart-lambda.txt"
  "$BENCH/.venv/tools/bin/python" "$BENCH/faststart.py" lambda "$OUT/faststart-lambda.txt" >> "$section"
fi

# Into docs/benchmarks.md, replacing the previous run's section (or after the title, the first time).
"$BENCH/.venv/tools/bin/python" - "$section" docs/benchmarks.md <<'PY'
import sys
from pathlib import Path
section, doc = Path(sys.argv[1]).read_text().rstrip() + "\n", Path(sys.argv[2])
begin = "<!-- bench/faststart.sh: begin (generated; re-run it to update) -->\n"
end = "<!-- bench/faststart.sh: end -->\n"
text = doc.read_text()
if begin in text and end in text:
    text = text[:text.index(begin)] + begin + section + text[text.index(end):]
else:
    anchor = "<!-- bench/run: begin"
    at = text.index(anchor) if anchor in text else len(text)
    text = text[:at] + begin + section + end + "\n" + text[at:]
doc.write_text(text)
PY
cat "$section"
