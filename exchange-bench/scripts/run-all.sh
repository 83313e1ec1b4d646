#!/usr/bin/env bash
# The whole benchmark suite, then docs/BENCHMARKS.md (see exchange-bench/README.md).
#
#   exchange-bench/scripts/run-all.sh            # full: 5 × 3 s warm-up, 8 × 3 s measured (~30 min)
#   exchange-bench/scripts/run-all.sh --quick    # 1 × 2 s warm-up, 2 × 2 s measured (~10 min)
#
# MVN_ARGS adds Maven options (e.g. MVN_ARGS=-o offline); SKIP_BUILD=1 reuses the built jars;
# RUN_NOTES="…" is printed under the machine (what else ran, for instance).
# Not part of mvn verify: CI compiles the benchmarks, it does not run them.
set -euo pipefail

mode=full
jmh_opts=(-wi 5 -w 3s -i 8 -r 3s -f 1)
case "${1:-}" in
  --quick) mode=quick; jmh_opts=(-wi 1 -w 2s -i 2 -r 2s -f 1) ;;
  --full|"") ;;
  *) echo "usage: $0 [--quick|--full]" >&2; exit 2 ;;
esac

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
out=exchange-bench/target/bench
fixtures="$out/fixtures"
rm -rf "$out"
mkdir -p "$out"

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
echo "$(loadavg)" > "$out/load-before.txt"

if [ "${SKIP_BUILD:-}" != 1 ]; then
  echo "== build (mvn -DskipTests package)"
  # shellcheck disable=SC2086
  mvn -q ${MVN_ARGS:-} -DskipTests -pl certs-sample,exchange-core,exchange-server,interop-dss,exchange-bench -am package
fi

jar=exchange-bench/target/benchmarks.jar
dss_cp="interop-dss/target/test-classes:$(cat interop-dss/target/bench.classpath)"
fixture_prop="-Dlienthong.bench.fixtures=$root/$fixtures"

echo "== fixtures: the signed PDFs both verifiers read"
java -cp "$jar" vn.lienthong.bench.VerificationFixtures "$fixtures"

run() { # name, then the JMH arguments
  local name=$1; shift
  echo "== $name"
  "$@" "${jmh_opts[@]}" -foe true -rf json -rff "$out/$name.json" | tee "$out/$name.txt" | grep -E '^(Benchmark|[A-Z][A-Za-z]+Benchmark\.)' || true
}

run baseline java -jar "$jar" BaselineBenchmark
run verification java "$fixture_prop" -jar "$jar" 'PdfVerificationBenchmark' -prof gc
run dss java "$fixture_prop" -cp "$dss_cp" org.openjdk.jmh.Main DssValidationBenchmark -prof gc
run envelope java -jar "$jar" EnvelopeBenchmark
# the router needs the hub's classes (H2, Flyway), which the JMH jar leaves out
hub_cp="exchange-bench/target/classes:$(cat exchange-bench/target/hub.classpath)"
run routing java -cp "$hub_cp" org.openjdk.jmh.Main RoutingBenchmark
if [ "$mode" = quick ]; then
  run signing java -jar "$jar" PdfSigningBenchmark -p document=ONE_PAGE
else
  run signing java -jar "$jar" PdfSigningBenchmark
fi

if [ -x exchange-bench/scripts/hub.sh ]; then
  echo "== hub (exchange-bench/scripts/hub.sh)"
  BENCH_MODE=$mode exchange-bench/scripts/hub.sh || echo "hub.sh failed: see its output" > "$out/hub-failed.txt"
fi

echo "$(loadavg)" > "$out/load-after.txt"

{
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
  echo "cores=$(nproc)"
  echo "memory=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "os=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo "jdk=$(java -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.vm.name|java.runtime.version/ {printf "%s ", $2}')"
  echo "virtualization=$(systemd-detect-virt 2>/dev/null || echo unknown)"
  echo "load_before=$(cat "$out/load-before.txt")"
  echo "load_after=$(cat "$out/load-after.txt")"
  echo "notes=${RUN_NOTES:-}"
  echo "mode=$mode"
  echo "jmh_options=${jmh_opts[*]}"
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with local changes)')"
} > "$out/machine.properties"

python3 exchange-bench/scripts/render.py "$out" docs/BENCHMARKS.md
echo "== wrote docs/BENCHMARKS.md"
