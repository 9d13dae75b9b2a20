#!/usr/bin/env bash
# Lambda init and invoke durations of the real jar, run as Lambda runs it (aws-lambda-rie + the Java runtime
# interface client, through `local-invoke`) on the demo account (moto): median of RUNS fresh execution
# environments, each invoked 3 times (cold, then warm), with the JVM's defaults and with
# -XX:TieredStopAtLevel=1, and with SnapStart's priming hook run after init (bench/SnapStartSimulation.java: what
# the first invocation after a restore costs; the emulator cannot checkpoint, so "init" there includes priming,
# which SnapStart pays once per published version); then where init and the first invoke spend their time,
# by classes loaded.
#
#   bench/lambda-init.sh [RUNS [JAR...]]   # default 7 and target/cis-sentinel-lambda.jar (mvn -DskipTests package)
#   LAMBDA_JDKS="/usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-17-openjdk-amd64" bench/lambda-init.sh
#                                          # the function on each JDK (default: local-invoke's, a 25 if found)
#
# Each JAR is a deployment jar to measure (e.g. one built from an older commit, for a before/after table);
# target/cis-sentinel.jar always runs local-invoke itself. The SnapStart rows need a ScanHandler with the CRaC
# hooks and are left out for a jar without them. Every configuration of every jar is measured round-robin.
#
# Durations are the emulator's INIT REPORT (init) and INVOKE RTDONE (invoke) figures, as local-invoke prints them.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${1:-7}
cli=target/cis-sentinel.jar
jars=()
for file in "$cli" target/cis-sentinel-lambda.jar "${@:2}"; do
    if [[ ! -f $file ]]; then
        echo "no $file: build it first with mvn -B -ntp -q -DskipTests package" >&2
        exit 2
    fi
done
if (( $# > 1 )); then
    for file in "${@:2}"; do jars+=("$(realpath "$file")"); done
else
    jars=("$(realpath target/cis-sentinel-lambda.jar)")
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() {
    sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) printf "%.0f", v[(NR + 1) / 2];
        else printf "%.0f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Each jar plus the checkpoint simulation (a jar of its own, for local-invoke --jar), where it compiles.
handler=dev.cissentinel.lambda.ScanHandler::handleRequest
simulation=SnapStartSimulation::handleRequest
configurations=()
read -r -a jdks <<< "${LAMBDA_JDKS:--}"
for index in "${!jars[@]}"; do
    jar=${jars[$index]}
    mkdir -p "$work/classes-$index"
    primed=no
    if javac -nowarn --release 17 -d "$work/classes-$index" -cp "$jar" bench/SnapStartSimulation.java 2> /dev/null
    then
        cp "$jar" "$work/simulation-$index.jar"
        jar uf "$work/simulation-$index.jar" -C "$work/classes-$index" SnapStartSimulation.class
        primed=yes
    fi
    for jdk in "${jdks[@]}"; do
        configurations+=("$index-default||$jar|$handler|$jdk" "$index-c1|-XX:TieredStopAtLevel=1|$jar|$handler|$jdk")
        if [[ $primed == yes ]]; then
            configurations+=("$index-snapstart||$work/simulation-$index.jar|$simulation|$jdk"
                "$index-snapstart-c1|-XX:TieredStopAtLevel=1|$work/simulation-$index.jar|$simulation|$jdk")
        fi
    done
done

# One environment, 3 invocations: its REPORT lines appended to $work/LABEL.
invoke_once() {
    local label=$1 options=$2 deployment=$3 handler=$4 jdk=$5
    java -jar "$cli" local-invoke --jar "$deployment" --handler "$handler" --event events/scheduled-rule.json \
        --times 3 ${options:+--env "JAVA_TOOL_OPTIONS=$options"} ${jdk:+--java-home "$jdk"} 2>&1 >/dev/null |
        grep '^REPORT' >> "$work/$label"
}
# The file name of a configuration's REPORT lines: its label and its JDK.
file_of() {
    echo "$1-$(basename "$2")"
}

field() { # $1 file, $2 awk condition on NR, $3 field name ("Init Duration" or "Duration")
    awk -F'\t' -v want="$3" "$2"' { for (i = 1; i <= NF; i++) if (index($i, want ": ") == 1) {
        sub(want ": ", "", $i); sub(" ms", "", $i); print $i } }' "$1" | median
}

echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo '?'),"\
     "CLI on $(java -version 2>&1 | head -1), load average at start: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
for index in "${!jars[@]}"; do
    jar=${jars[$index]}
    echo "jar $index: $jar ($(du -h "$jar" | cut -f1), built $(date -u -r "$jar" '+%Y-%m-%d %H:%M UTC'))"
done
echo "runs: $runs environments per row, 3 invocations each of events/scheduled-rule.json on the demo account"
echo
# Round-robin, so a change in the machine's load during the run hits every configuration alike.
for _ in $(seq "$runs"); do
    for configuration in "${configurations[@]}"; do
        IFS='|' read -r label options deployment entry jdk <<< "$configuration"
        [[ $jdk == - ]] && jdk=
        invoke_once "$(file_of "$label" "${jdk:-default}")" "$options" "$deployment" "$entry" "$jdk"
    done
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
echo
echo "| jar | JDK | JVM options | init (ms) | first invoke (ms) | init + first (ms) | warm invoke (ms) |"
echo "|---|---|---|---:|---:|---:|---:|"
for configuration in "${configurations[@]}"; do
    IFS='|' read -r label options _ _ jdk <<< "$configuration"
    [[ $jdk == - ]] && jdk=
    file=$work/$(file_of "$label" "${jdk:-default}")
    init=$(field "$file" 'NR % 3 == 1' 'Init Duration')
    first=$(field "$file" 'NR % 3 == 1' 'Duration')
    total=$(awk -F'\t' 'NR % 3 == 1 { s = 0; for (i = 1; i <= NF; i++) if ($i ~ /Duration: /) {
        v = $i; sub(/.*: /, "", v); sub(/ ms/, "", v); s += v }; print s }' "$file" | median)
    warm=$(field "$file" 'NR % 3 == 0' 'Duration')
    if [[ -n $jdk ]]; then
        jdk_name=$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"/\1/p' "$jdk/release" 2>/dev/null)
    else
        jdk_name="local-invoke's default"
    fi
    case $label in
        *-snapstart*) name="${options:-(defaults)}, primed as for a SnapStart snapshot" ;;
        *) name=${options:-(defaults)} ;;
    esac
    echo "| ${label%%-*} | ${jdk_name:-$jdk} | $name | $init | $first | $total | $warm |"
done

# Where the time goes: one environment with class loading logged (uptime-stamped). Init ends when the handler
# is constructed; dev.cissentinel.lambda.Invocation is the first class the first invocation loads.
java -jar "$cli" local-invoke --jar "${jars[-1]}" --event events/scheduled-rule.json \
    --env "JAVA_TOOL_OPTIONS=-Xlog:class+load:file=$work/classes.log:uptime" > /dev/null 2>&1
echo
echo "Classes loaded (jar $(( ${#jars[@]} - 1 )), one environment, default JVM options), by phase and origin:"
awk '
    / dev\.cissentinel\.lambda\.ScanHandler / && !handler { handler = $1 }
    / dev\.cissentinel\.lambda\.Invocation / && !invoke { invoke = $1 }
    {
        phase = invoke ? "first invoke" : handler ? "handler init" : "JVM + runtime client"
        name = $2; sub(/\$.*/, "", name)
        group = name ~ /^org\.apache\.logging\./ ? "log4j2" \
            : name ~ /^software\.amazon\.lambda\.powertools\./ ? "Powertools" \
            : name ~ /^software\.amazon\.cloudwatchlogs\.emf\./ ? "Powertools (EMF)" \
            : name ~ /^software\.amazon\.awssdk\.services\./ ? "AWS SDK service clients and models" \
            : name ~ /^software\.amazon\.awssdk\./ ? "AWS SDK core" \
            : name ~ /^com\.fasterxml\.jackson\./ ? "Jackson" \
            : name ~ /^dev\.cissentinel\./ ? "cis-sentinel" \
            : name ~ /^com\.amazonaws\.services\.lambda\./ ? "Lambda runtime client" \
            : name ~ /^(java|javax|jdk|sun|com\.sun)\./ ? "JDK" : "other"
        count[phase "|" group]++; total[phase]++; last[phase] = $1
        if (!(phase in first)) first[phase] = $1
    }
    END {
        split("JVM + runtime client|handler init|first invoke", phases, "|")
        for (p = 1; p <= 3; p++) {
            ph = phases[p]; a = first[ph]; b = last[ph]; gsub(/[\[\]s]/, "", a); gsub(/[\[\]s]/, "", b)
            printf "  %-22s %5d classes, JVM uptime %.2f-%.2f s\n", ph, total[ph], a, b
            for (k in count) { split(k, parts, "|"); if (parts[1] == ph && count[k] >= 20)
                printf "      %5d  %s\n", count[k], parts[2] }
        }
    }' "$work/classes.log"
