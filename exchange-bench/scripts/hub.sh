#!/usr/bin/env bash
# The hub's standard benchmark scenarios (issue 5 / issue 8), run with the load generator of
# exchange-bench (vn.lienthong.bench.hub). Writes the markdown fragment
# exchange-bench/target/bench/hub.md. Runnable on its own from any directory:
#
#   exchange-bench/scripts/hub.sh              # build (offline if possible), then every scenario
#   HUB_BENCH_SKIP_BUILD=1 HUB_BENCH_LARGE_MIB=256 exchange-bench/scripts/hub.sh
#
# Scenarios: throughput on H2 (hub in this JVM), also with a year's history in the inboxes;
# throughput on PostgreSQL when LIENTHONG_TEST_PG_URL names a server or a local PostgreSQL
# installation can start a throwaway cluster (as .ci/run does); one document to every unit (969
# recipients); the hub alone, as `java -jar` runs it, on one core
# of its own (HUB_BENCH_EXTERNAL=0 skips it); one large document (HUB_BENCH_LARGE_MIB, default
# 1024) through a hub running as its own JVM with -Xmx256m: its peak heap (from -Xlog:gc) and peak
# resident set (VmHWM). Settings: HUB_BENCH_CLIENTS (16), HUB_BENCH_WARMUP (60s) and HUB_BENCH_WARMUP_MAX
# (8m): the load runs at least the first, then on until the JIT's backlog is gone (WarmUp), at most the
# second (on two cores under this load C2 tasks wait minutes in the queue; a fixed 120 s sometimes left
# CXF's MIME scan interpreted and the run 30-50 % low),
# HUB_BENCH_DURATION (30s), HUB_BENCH_HISTORY (20000 confirmed documents per inbox; 0 skips that
# scenario), HUB_BENCH_LARGE_MIB (1024; 0 skips), HUB_BENCH_SKIP_BUILD (1 skips mvn).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
clients=${HUB_BENCH_CLIENTS:-16}
warmup=${HUB_BENCH_WARMUP:-60s}
warmup_max=${HUB_BENCH_WARMUP_MAX:-8m}
duration=${HUB_BENCH_DURATION:-30s}
large_mib=${HUB_BENCH_LARGE_MIB:-1024}
out=exchange-bench/target/bench
mkdir -p "$out"
rows=$out/hub-rows.md
large_rows=$out/hub-large-rows.md
notes=$out/hub-notes.md
: >"$rows"
: >"$large_rows"
: >"$notes"

if [[ ${HUB_BENCH_SKIP_BUILD:-} != 1 ]]; then
  mvn -o -q -pl exchange-bench -am package -DskipTests || mvn -q -pl exchange-bench -am package -DskipTests
fi
cp="exchange-bench/target/classes:$(cat exchange-bench/target/hub.classpath)"
java=(java -Dfile.encoding=UTF-8)
props=$out/hub.properties
: >"$props"
last=$out/hub-last.txt
load() {
  echo "== HubLoad $*" >&2
  "${java[@]}" -cp "$cp" vn.lienthong.bench.hub.HubLoad "$@" 2>"$out/hub-load.err" | tee "$last" \
    | tee -a "$out/hub-load.log" | grep -v '^\[main\] INFO' >&2
}
# record PREFIX: the figures of the last HubLoad report as PREFIX.key=value lines of hub.properties
record() {
  local pattern
  for pattern in \
    "s/.*fetched and confirmed (\([0-9.]*\) documents\/s).*/$1.documents_per_second=\1/p" \
    "s/^CPU: this process \([0-9.]*\) ms per document.*/$1.cpu_ms_per_document=\1/p" \
    "s/^CPU: without the JIT compiler threads .* \([0-9.]*\) ms per document$/$1.cpu_ms_per_document_without_jit=\1/p" \
    "s/.*accepted in min \/ median \/ max \([0-9]*\) \/ \([0-9]*\) \/ \([0-9]*\) ms.*/$1.min_ms=\1\n$1.median_ms=\2\n$1.max_ms=\3/p" \
    "s/.*on the fresh hub: \([0-9]*\) ms).*/$1.cold_ms=\1/p" \
    "s/^one document to \([0-9]*\) units, .*/$1.recipients=\1/p" \
    "s/^warm-up \([0-9]*\) s, .*/$1.warm_up_seconds=\1/p"; do
    sed -n "$pattern" "$last" >>"$props"
  done
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# 1. throughput, H2, hub in this JVM
load --clients="$clients" --warm-up="$warmup" --warm-up-max="$warmup_max" --duration="$duration" --label="throughput, 100 KiB" --markdown="$rows"
record h2

# 1b. the same on a hub that ran for a year: HUB_BENCH_HISTORY (20000; 0 skips) confirmed documents
# already in each unit's inbox (a fresh database hides costs that grow with the tables)
history=${HUB_BENCH_HISTORY:-20000}
if ((history > 0)); then
  load --clients="$clients" --warm-up="$warmup" --warm-up-max="$warmup_max" --duration="$duration" \
    --history="$history" --label="throughput, 100 KiB, $history confirmed per inbox" --markdown="$rows"
  record h2_history
fi

# 2. throughput, PostgreSQL
pg_dir=""
stop_postgres() {
  if [[ -n $pg_dir ]]; then
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
trap stop_postgres EXIT
if [[ -z ${LIENTHONG_TEST_PG_URL:-} ]]; then
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [[ -n $pg_bin && -x $pg_bin/initdb ]]; then
    pg_dir=$(mktemp -d /tmp/lienthong-bench-pg.XXXXXX)
    as_pg=()
    if [[ $(id -u) == 0 ]]; then
      chown postgres "$pg_dir"
      as_pg=(runuser -u postgres --)
    fi
    pg_port=$((56000 + RANDOM % 1000))
    "${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -A trust -U postgres >/dev/null
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
      -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
    export LIENTHONG_TEST_PG_URL=jdbc:postgresql://127.0.0.1:$pg_port/postgres LIENTHONG_TEST_PG_USER=postgres
  fi
fi
if [[ -n ${LIENTHONG_TEST_PG_URL:-} ]]; then
  pg_version=$("${pg_bin:-/usr/bin}/postgres" --version 2>/dev/null || psql --version 2>/dev/null || echo PostgreSQL)
  load --clients="$clients" --warm-up="$warmup" --warm-up-max="$warmup_max" --duration="$duration" --label="throughput, 100 KiB" \
    --pg-admin="$LIENTHONG_TEST_PG_URL" --jdbc-user="${LIENTHONG_TEST_PG_USER:-postgres}" \
    --jdbc-password="${LIENTHONG_TEST_PG_PASSWORD:-}" --markdown="$rows"
  record postgresql
  echo "- PostgreSQL: $pg_version, local on loopback (fsync on, defaults)." >>"$notes"
else
  echo "- PostgreSQL: skipped (no LIENTHONG_TEST_PG_URL and no local installation)." >>"$notes"
fi
stop_postgres
pg_dir=""

# 3. one document to every unit under the province
load --fan-out-all=5 --label="fan-out to every unit" --markdown="$rows"
record fanout

# start_hub LOG WORK [JAVA PREFIX AND OPTIONS…]: exchange-server's Main (demo mode) as its own JVM with its data
# in WORK, output to LOG; waits until it prints its address; sets hub_pid and url.
start_hub() {
  local log=$1 work_dir=$2
  shift 2
  "$@" -cp "$cp" vn.lienthong.server.Main --port=0 --data.dir="$work_dir/data" ${hub_args:-} >"$log" 2>&1 &
  hub_pid=$!
  for _ in $(seq 1 120); do
    grep -q '^Liên Thông Exchange hub: ' "$log" && break
    kill -0 $hub_pid 2>/dev/null || { echo "the hub did not start, see $log" >&2; exit 1; }
    sleep 1
  done
  url=$(sed -n 's/^Liên Thông Exchange hub: \(https:[^ ]*\) .*/\1/p' "$log")
}

# 4. throughput of the hub alone: the hub as `java -jar` runs it (demo mode: the committed RSA-2048
# demo PKI, its CA services and TSA in the hub's JVM) in its own JVM pinned to core 0, the load
# generator pinned to core 1; the hub's own CPU per document from /proc/PID/stat. A fixed warm-up
# (HUB_BENCH_EXTERNAL_WARMUP, 240s): the load generator cannot watch another JVM's compilers.
if [[ ${HUB_BENCH_EXTERNAL:-1} == 1 ]] && command -v taskset >/dev/null && (($(nproc) >= 2)); then
  work=$(mktemp -d "${TMPDIR:-/tmp}/lienthong-bench-external.XXXXXX")
  start_hub "$out/external-hub.log" "$work" taskset -c 0 "${java[@]}"
  external_warmup=${HUB_BENCH_EXTERNAL_WARMUP:-240s}
  java=(taskset -c 1 java -Dfile.encoding=UTF-8)
  load --hub="$url" --hub-pid=$hub_pid --clients="$clients" --warm-up="$external_warmup" \
    --warm-up-max="$external_warmup" --duration="$duration" --label="throughput, hub alone on 1 core (java -jar, demo)" \
    --markdown="$rows"
  java=(java -Dfile.encoding=UTF-8)
  record external
  sed -n "s/^CPU: external hub \([0-9.]*\) ms per document.*/external.hub_cpu_ms_per_document=\1/p" "$last" >>"$props"
  kill $hub_pid
  wait $hub_pid 2>/dev/null || true
  rm -rf "$work"
  echo "- hub alone on 1 core: \`java -jar\` in demo mode (RSA-2048 demo PKI; its sample TSA and OCSP in the hub's JVM) pinned with \`taskset -c 0\`, the load generator with \`taskset -c 1\`; fixed warm-up $external_warmup; CPU ms/doc is the hub process's own (\`/proc/PID/stat\`)." >>"$notes"
else
  echo "- hub alone on 1 core: skipped (HUB_BENCH_EXTERNAL=0, no taskset, or fewer than 2 cores)." >>"$notes"
fi

# 5. one large document through a hub in its own JVM with -Xmx256m
if [[ $large_mib != 0 ]]; then
  work=$(mktemp -d "${TMPDIR:-/tmp}/lienthong-bench-large.XXXXXX")
  gclog=$out/large-hub-gc.log
  hub_args="--max.envelope.mb=$((large_mib * 2 + 64))" start_hub "$out/large-hub.log" "$work" "${java[@]}" \
    -Xmx256m -Xlog:gc:file="$gclog"
  echo "== LargeDocument ${large_mib} MiB through $url (pid $hub_pid, -Xmx256m)" >&2
  "${java[@]}" -cp "$cp" vn.lienthong.bench.hub.LargeDocument --hub="$url" --hub-pid=$hub_pid --mib="$large_mib" \
    --dir="$work" --markdown="$large_rows" 2>"$out/large.err" | tee "$last" | tee -a "$out/hub-load.log" \
    | grep -v '^\[main\] INFO' >&2 || echo "- large document: FAILED, see $out/large.err" >>"$notes"
  sed -n "s/^sent in \([0-9.]*\) s .* fetched in \([0-9.]*\) s .* envelope identical.*hub VmHWM \([0-9]*\) MiB$/large.send_s=\1\nlarge.fetch_s=\2\nlarge.rss_peak_mib=\3/p" \
    "$last" >>"$props"
  echo "large.mib=$large_mib" >>"$props"
  kill $hub_pid
  wait $hub_pid 2>/dev/null || true
  rm -rf "$work"
  # peak heap: the largest "before" of the GC log's "NNM->NNM(NNM)"
  heap_peak=$(grep -o '[0-9]*M->[0-9]*M([0-9]*M)' "$gclog" | sed 's/M->.*//' | sort -n | tail -1)
  echo "- large document: hub JVM \`-Xmx256m\`, peak heap before a collection ${heap_peak:-?} MiB (\`-Xlog:gc\`)." >>"$notes"
  echo "large.heap_peak_mib=${heap_peak:-}" >>"$props"
fi

{
  echo "### Hub (load generator, \`exchange-bench/scripts/hub.sh\`)"
  echo
  echo "$(date -u +%F), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(java -version 2>&1 | head -1);"
  echo "load average before the runs $load_before, after $(cut -d' ' -f1-3 /proc/loadavg) (the load generator's own threads raise it; a shared machine inflates the figures)."
  echo "$clients unit clients over loopback HTTPS (mutual TLS, ECDSA P-256 sample PKI), each sending a signed edXML"
  echo "envelope with a 100 KiB signed PDF to the next unit and then fetching and confirming its own inbox; the hub,"
  echo "as \`java -jar\` runs it, seals and time-stamps a receipt for every accepted message (the sample TSA in the same JVM);"
  echo "warm-up at least $warmup, then until the JIT's backlog is gone (queues empty, compilers mostly idle; at most $warmup_max), measured $duration$(sed -n 's/^\(.*\)\.warm_up_seconds=\(.*\)/\1 \2 s/p' "$props" | paste -sd, - | sed 's/,/, /g; s/^./ (warm-ups: &/; s/.$/&)/'). docs/s: documents fetched and confirmed by their recipient per second."
  echo "CPU ms/doc: CPU time of the whole process (hub and clients) per document. Latencies p50/p90/p99 in ms of a closed loop"
  echo "(each client waits for its answer: service times at saturation; a stall delays only the calls in flight, so p99 is"
  echo "understated against an open arrival rate). heap peak: used heap sampled every 50 ms in the load generator's JVM (hub"
  echo "and clients together, garbage included, no -Xmx), not the hub's need; see the large document for that."
  echo
  echo "| scenario | hub | clients × units | docs/s | CPU ms/doc | send p50/p90/p99 ms | poll | fetch | confirm | errors | heap peak |"
  echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
  cat "$rows"
  if [[ -s $large_rows ]]; then
    echo
    echo "| scenario | size | time | fetched | hub memory |"
    echo "| --- | --- | --- | --- | --- |"
    cat "$large_rows"
  fi
  echo
  cat "$notes"
} >"$out/hub.md"
echo "wrote $out/hub.md" >&2
