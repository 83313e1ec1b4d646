#!/usr/bin/env python3
"""Renders docs/BENCHMARKS.md from what run-all.sh left in exchange-bench/target/bench.

Usage: render.py BENCH_DIR OUTPUT.md

Inputs (all in BENCH_DIR): the JMH JSON results (baseline, verification, dss, envelope, routing,
signing .json), machine.properties, and optionally hub.md (a markdown fragment from hub.sh) and
hub.properties (key=value figures from hub.sh, e.g. h2.documents_per_second=25.3). Python 3
standard library only.
"""

import json
import math
import os
import re
import sys

SUITES = ["baseline", "verification", "dss", "envelope", "routing", "signing"]


def load(bench_dir):
    results = {}
    for suite in SUITES:
        path = os.path.join(bench_dir, suite + ".json")
        if os.path.exists(path) and os.path.getsize(path) > 0:
            with open(path, encoding="utf-8") as f:
                results[suite] = json.load(f)
        else:
            results[suite] = []
    return results


def properties(path):
    props = {}
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            for line in f:
                if "=" in line and not line.startswith("#"):
                    key, value = line.rstrip("\n").split("=", 1)
                    props[key.strip()] = value.strip()
    return props


class Figure:
    """One JMH result: score, error, unit, allocation per operation when -prof gc ran."""

    def __init__(self, entry):
        metric = entry["primaryMetric"]
        self.score = metric["score"]
        self.error = metric.get("scoreError")
        if self.error is not None and (isinstance(self.error, str) or math.isnan(self.error)):
            self.error = None
        self.unit = metric["scoreUnit"]
        samples = [x for fork in metric.get("rawData", []) for x in fork]
        self.low = min(samples) if samples else None
        self.high = max(samples) if samples else None
        self.alloc = None
        for name, secondary in entry.get("secondaryMetrics", {}).items():
            if name.endswith("gc.alloc.rate.norm"):
                self.alloc = secondary["score"]
        self.entry = entry

    def ms(self):
        """Time per operation in milliseconds (avgt) or derived from throughput."""
        unit = self.unit
        if unit.endswith("/op"):
            scale = {"s/op": 1000.0, "ms/op": 1.0, "us/op": 0.001, "ns/op": 1e-6}[unit]
            return self.score * scale
        if unit == "ops/s":
            return 1000.0 / self.score
        raise ValueError(unit)

    def per_second(self):
        return 1000.0 / self.ms()

    def text(self, digits=None):
        return num(self.score, digits) + ("" if self.error is None else " ± " + num(self.error, digits))

    def spread(self, digits=None):
        if self.low is None or self.low == self.high:
            return ""
        return " (samples " + num(self.low, digits) + "–" + num(self.high, digits) + ")"


def num(x, digits=None):
    if x is None:
        return "–"
    if digits is None:
        digits = 0 if abs(x) >= 100 else (1 if abs(x) >= 10 else (2 if abs(x) >= 1 else 3))
    text = f"{x:,.{digits}f}"
    return text.replace(",", " ")


def ratio(a, b):
    if a is None or b is None or b == 0:
        return "–"
    r = a / b
    return ("%.2f" % r if r < 10 else "%.0f" % r) + " ×"


def find(results, suite, method, **params):
    for entry in results.get(suite, []):
        if not entry["benchmark"].endswith("." + method):
            continue
        got = entry.get("params", {})
        if all(got.get(k) == v for k, v in params.items()):
            return Figure(entry)
    return None


def method_line(results, suite):
    entries = results.get(suite, [])
    if not entries:
        return None
    e = entries[0]
    args = " ".join(e.get("jvmArgs", []))
    return (f"{e['forks']} fork, {e['warmupIterations']} × {e['warmupTime']} warm-up, "
            f"{e['measurementIterations']} × {e['measurementTime']} measured, mode {e['mode']}; "
            f"fork JVM arguments `{args or '(none)'}`")


def machine_section(out, m, results):
    any_entry = next((r[0] for r in results.values() if r), None)
    out.append("## The machine\n")
    out.append("| | |\n| --- | --- |")
    out.append(f"| CPU | {m.get('cpu', '?')}, {m.get('cores', '?')} cores "
               f"(virtualization: {m.get('virtualization', '?')}) |")
    out.append(f"| memory | {m.get('memory', '?')} |")
    out.append(f"| OS | {m.get('os', '?')} |")
    out.append(f"| JDK | {m.get('jdk', '?').strip()}"
               + (f" (JMH {any_entry['jmhVersion']})" if any_entry else "") + " |")
    out.append(f"| load average (1, 5, 15 min) | before {m.get('load_before', '?')}; "
               f"after {m.get('load_after', '?')} |")
    out.append(f"| run | {m.get('date', '?')}, commit {m.get('commit', '?')}, "
               f"mode **{m.get('mode', '?')}** |")
    out.append("")
    if m.get("notes"):
        out.append("Note on this run: " + m["notes"] + "\n")
    load = m.get("load_before", "0").split()[0]
    try:
        if float(load) > float(m.get("cores", "1")):
            out.append(f"**The machine was busy** (load {load} on {m.get('cores')} cores before the "
                       "run): absolute figures are pessimistic and noisy; the ratios, measured in the "
                       "same run under the same load, are what to compare.\n")
    except ValueError:
        pass


def method_section(out, m, results):
    out.append("## Method\n")
    out.append("JMH, each benchmark in a fresh JVM fork, run one after another (never two at "
               f"once). JMH options: `{m.get('jmh_options', '?')}`; per suite:\n")
    for suite in SUITES:
        line = method_line(results, suite)
        out.append(f"- `{suite}`: " + (line if line else "not run"))
    out.append("")
    out.append("Errors are JMH's 99.9 % confidence intervals (± half-width); with few iterations "
               "they are wide, so the sample range is given where it helps. A ratio is the "
               "quotient of two figures of the same run.\n")


def baseline_section(out, results):
    out.append("## Baselines: the floor under all our work\n")
    sha = find(results, "baseline", "sha256")
    out.append("`BaselineBenchmark`: SHA-256 over 1 MiB buffers (JDK provider); signatures over 32 "
               "bytes with SHA256withRSA (RSA-2048, PKCS#1 v1.5) and SHA256withECDSA (P-256), "
               "with the JDK's providers (TLS, Santuario's envelope signatures, the clients' "
               "WS-Security signatures) and BouncyCastle 1.87 (what exchange-core signs CMS with, "
               "and verifies CMS, time stamps, OCSP responses and the hub the WS-Security "
               "signatures with: `CryptoProviders`).\n")
    out.append("| operation | per second |\n| --- | --- |")
    out.append(f"| SHA-256 (JDK), MiB | {sha.text() if sha else 'not run'} |")
    for alg, name in (("RSA_2048", "RSA-2048"), ("EC_P256", "ECDSA P-256")):
        for op in ("sign", "verify"):
            for prov in ("JDK", "BC"):
                f = find(results, "baseline", op, algorithm=alg, provider=prov)
                out.append(f"| {name} {op} ({prov}) | {f.text() if f else 'not run'} |")
    out.append("")
    jdk = find(results, "baseline", "verify", algorithm="EC_P256", provider="JDK")
    bc = find(results, "baseline", "verify", algorithm="EC_P256", provider="BC")
    if jdk and bc:
        out.append(f"ECDSA P-256 verification: BouncyCastle does {ratio(bc.score, jdk.score)} what "
                   "the JDK's SunEC does per second, which is why exchange-core's verifiers and "
                   "the hub's WS-Security check use BouncyCastle's provider.\n")


def verification_section(out, results, floor_mib_s):
    out.append("## PDF verification: ours versus EU DSS 6.3 on identical files\n")
    out.append("Both read the same files, written once per run by `VerificationFixtures` (a fresh "
               "ECDSA P-256 sample PKI; signed against the sample CA services on loopback, which "
               "are then stopped). `DECREE30_ONE_MIB`: one page with a 1 MiB image, the provincial "
               "chairman's signature then the province's seal, both PAdES B-LT (5 revisions). "
               "`SEAL_HUNDRED_MIB`: a hundred such pages (100 MiB), one B-LT seal.\n")
    out.append("| document | ours, ms | EU DSS 6.3, ms | ours ÷ DSS | SHA-256 of the file, ms "
               "| ours ÷ SHA-256 | allocated per verification: ours / DSS |")
    out.append("| --- | --- | --- | --- | --- | --- | --- |")
    for case in ("DECREE30_ONE_MIB", "SEAL_HUNDRED_MIB"):
        ours = find(results, "verification", "verify", document=case)
        dss = find(results, "dss", "validate", document=case)
        sha = find(results, "verification", "sha256", document=case)
        alloc = " / ".join(num(f.alloc / 1048576, 1) + " MiB" if f and f.alloc else "–"
                           for f in (ours, dss))
        out.append(f"| {case} | {ours.text() + ours.spread() if ours else 'not run'} "
                   f"| {dss.text() + dss.spread() if dss else 'not run'} "
                   f"| {ratio(ours.ms() if ours else None, dss.ms() if dss else None)} "
                   f"| {sha.text() if sha else 'not run'} "
                   f"| {ratio(ours.ms() if ours else None, sha.ms() if sha else None)} | {alloc} |")
    out.append("")
    if floor_mib_s:
        out.append(f"The SHA-256 column streams the file from disk (64 KiB reads); the in-memory "
                   f"floor is {num(floor_mib_s)} MiB/s (baselines), i.e. "
                   f"{num(100 * 1000 / floor_mib_s)} ms for 100 MiB.\n")
    out.append("""What each side does, so that the ratio is honest:

| | ours (`Verifier`, exchange-core) | EU DSS 6.3 (`DssValidationBenchmark`, interop-dss) |
| --- | --- | --- |
| inputs | the same file | the same file |
| trust anchors | the fixture PKI's two roots | the same two roots (`CommonTrustedCertificateSource`) |
| revocation | `RevocationMode.OFFLINE`: only what the file carries (DSS dictionary, CMS revocation values), no network | `CommonCertificateVerifier(true)`: no data loader, so only what the file carries; no OCSP, CRL or AIA fetching |
| policy | `ValidationPolicy.decree30()` for the signer + seal, `basic()` for the seal alone; built once | DSS's default policy (`ValidationPolicyLoader.fromDefaultValidationPolicy()`), loaded once, not per validation |
| revisions | part B: every later revision is parsed and its pages rendered and compared with the signed revision (shadow attacks), per signature | object-modification detection and visual comparison of revisions (DSS's defaults) |
| per operation | `verifier.verify(file)` | a new `SignedDocumentValidator` for the file, `validateDocument(policy)` |
| JVM | `-Xmx128m` (the 100 MiB file must verify in it), BouncyCastle 1.87 | `-Xmx1g`, BouncyCastle 1.81, log level error |

Both must pass every signature in the trial's set-up, or the benchmark stops.
""")


def envelope_section(out, results, floors):
    out.append("## edXML envelope intake\n")
    rv = find(results, "envelope", "readAndVerify")
    sha = find(results, "envelope", "sha256OfTheEnvelope")
    out.append("`EnvelopeBenchmark`: the SDK's `edoc_new.edxml` (270 KB attachment, 368 KB), "
               "signed with the province's RSA-2048 system key, read with the streaming reader "
               "(attachment decoded to a file, its SHA-256 checked) and its XML-DSig verified.\n")
    out.append("| benchmark | µs per envelope | ratio |\n| --- | --- | --- |")
    out.append(f"| read and verify | {rv.text() if rv else 'not run'} | "
               f"{ratio(rv.ms() if rv else None, sha.ms() if sha else None)} the SHA-256 of the file |")
    out.append(f"| SHA-256 of the same file | {sha.text() if sha else 'not run'} | |")
    rsa_verify = floors.get("rsa_verify")
    if rv and rsa_verify:
        out.append(f"| envelopes per second, one core | {num(rv.per_second())} | one envelope "
                   f"costs as much as {num(rsa_verify / rv.per_second())} RSA-2048 verifications "
                   f"(floor: {num(rsa_verify)}/s) |")
    out.append("")


def signing_section(out, results, floors):
    out.append("## PAdES signing\n")
    out.append("`PdfSigningBenchmark`: one visible signature of the provincial chairman through "
               "`PdfSigner.sign`, file to file; OCSP (and for B-LT the TSA and OCSP for the chain) "
               "on loopback from the sample CA services in the same JVM.\n")
    entries = results.get("signing", [])
    if not entries:
        out.append("Not run.\n")
        return
    out.append("| document | key | level | ms per signature | ÷ one raw signature (BC) |")
    out.append("| --- | --- | --- | --- | --- |")
    for e in entries:
        f = Figure(e)
        p = e["params"]
        floor = floors.get("sign_" + p["key"])
        out.append(f"| {p['document']} | {p['key']} | {p['level']} | {f.text()}{f.spread()} | "
                   f"{ratio(f.ms(), 1000.0 / floor) if floor else '–'} |")
    out.append("")


def routing_section(out, results):
    out.append("## Routing one document to the whole province\n")
    r = find(results, "routing", "resolve")
    out.append("`RoutingBenchmark`: the hub's `Router` resolving `000.00.00.H49/**` (969 active "
               "units under the provincial committee) over the 970 sample units in an in-memory "
               "H2 database migrated by the hub's Flyway scripts.\n")
    if r:
        out.append(f"| resolution | µs | per recipient |\n| --- | --- | --- |\n"
                   f"| `000.00.00.H49/**` → 969 units | {r.text()}{r.spread()} | "
                   f"{num(r.ms() * 1000 / 969, 2)} µs |\n")
    else:
        out.append("Not run.\n")


def hub_section(out, bench_dir, hub_props, floors):
    out.append("## Hub throughput (from `exchange-bench/scripts/hub.sh`)\n")
    fragment = os.path.join(bench_dir, "hub.md")
    if os.path.exists(fragment):
        with open(fragment, encoding="utf-8") as f:
            out.append(f.read().strip() + "\n")
    elif os.path.exists(os.path.join(bench_dir, "hub-failed.txt")):
        out.append("**hub.sh failed in this run** (see its output).\n")
    else:
        out.append("Hub figures: not run (no `exchange-bench/scripts/hub.sh` in this checkout). "
                   "The last figures by hand are in [exchange-server/README.md]"
                   "(../exchange-server/README.md): 20–27 documents/s on H2 and PostgreSQL on this "
                   "shared machine.\n")
    rates = hub_rates(bench_dir, hub_props)
    if rates:
        out.append("| database | documents per second | one document costs as many ECDSA P-256 "
                   "verifications (BC, one core) | as many RSA-2048 verifications (JDK, one core) |\n"
                   "| --- | --- | --- | --- |")
        names = dict(h2="H2", h2_history="H2, inboxes holding a history", postgresql="PostgreSQL")
        for db, rate in rates:
            if db == "external":
                continue  # the hub alone on one core: not the two cores the ratio speaks of
            ec, rsa = floors.get("ec_verify"), floors.get("rsa_verify")
            out.append(f"| {names.get(db, db)} | {num(rate)} | {num(ec / rate) if ec else '–'} | "
                       f"{num(rsa / rate) if rsa else '–'} |")
        out.append("")
        out.append("A document's cycle verifies about a dozen signatures (the envelope's XML-DSig, "
                   "the signer's and the seal's CMS signatures and their time stamps, OCSP responses, "
                   "one WS-Security signature per request); the floor is what one core does of one "
                   "verification alone, and the machine has "
                   + "two cores, so a ratio of N means the document costs N / 2 verifications' worth "
                   "of the machine.\n")


def hub_rates(bench_dir, props):
    rates = []
    for key, value in props.items():
        m = re.match(r"(.+)\.documents_per_second$", key)
        if m:
            try:
                rates.append((m.group(1), float(value)))
            except ValueError:
                pass
    if rates:
        return rates
    fragment = os.path.join(bench_dir, "hub.md")
    if os.path.exists(fragment):
        with open(fragment, encoding="utf-8") as f:
            for line in f:
                m = re.search(r"(\d+(?:\.\d+)?)\s*(?:documents|docs)\s*/\s*s", line)
                if m:
                    db = "PostgreSQL" if "postgres" in line.lower() else (
                        "H2" if "h2" in line.lower() else "hub")
                    rates.append((db, float(m.group(1))))
    return rates


def number(text):
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def targets_section(out, results, bench_dir, hub_props):
    out.append("## Targets named in the issues\n")
    out.append("| issue | target | this run | met? |\n| --- | --- | --- | --- |")
    hundred = find(results, "verification", "verify", document="SEAL_HUNDRED_MIB")
    routing = find(results, "routing", "resolve")
    rates = dict(hub_rates(bench_dir, hub_props))
    h2 = next((v for k, v in rates.items() if k.lower() == "h2"), None)
    fan_max = number(hub_props.get("fanout.max_ms"))
    fan_median = number(hub_props.get("fanout.median_ms"))
    fan_cold = number(hub_props.get("fanout.cold_ms"))
    fan_recipients = number(hub_props.get("fanout.recipients"))  # what the receipts said, not assumed
    fan_to = f"{int(fan_recipients)} recipients" if fan_recipients is not None else "recipients not recorded"
    large_mib = number(hub_props.get("large.mib"))
    large_send, large_fetch = number(hub_props.get("large.send_s")), number(hub_props.get("large.fetch_s"))
    heap, rss = number(hub_props.get("large.heap_peak_mib")), number(hub_props.get("large.rss_peak_mib"))
    large_ok = large_send is not None and large_fetch is not None
    rows = [
        ("9 (exchange-core README)", "a 100 MiB signed PDF verifies in a 128 MiB heap (streamed byte ranges)",
         f"{hundred.text()} ms under `-Xmx128m`" if hundred else "not run",
         "**met**" if hundred else "not measured"),
        ("5", "one document fanned out to all 900+ units accepted in under one second",
         (f"{fan_to}, warm hub: median {num(fan_median)} ms, slowest of 5 {num(fan_max)} ms; the first "
          f"send on a freshly started hub {num(fan_cold)} ms (routing alone {num(routing.ms(), 2)} ms)"
          if fan_max is not None and routing else
          f"{fan_to}: median {num(fan_median)} ms, slowest {num(fan_max)} ms" if fan_max is not None else
          "hub.sh not run"),
         ("not measured: the recipients were not recorded" if fan_recipients is None
          else "**not met** (fewer than 900 recipients)" if fan_recipients < 900
          else "**met**" if fan_max < 1000 else "**not met**") if fan_max is not None else "not measured"),
        ("5", "≥ 200 documents/s through the hub with H2 (100 KB signed PDFs, send → pending → fetch → confirm)",
         f"{num(h2)} documents/s" if h2 is not None else "hub.sh not run",
         ("**met**" if h2 >= 200 else "**not met**") if h2 is not None else "not measured"),
        ("5, 8", "a 1 GB document sent and fetched through a hub running with `-Xmx256m`; its peak heap and RSS",
         (f"{num(large_mib)} MiB PDF: send {num(large_send)} s, fetch {num(large_fetch)} s, identical; "
          f"peak heap {num(heap) if heap is not None else '?'} MiB, RSS {num(rss) if rss is not None else '?'} MiB"
          if large_ok else "hub.sh's large document not run or failed"),
         ("**met**" if large_mib is not None and large_mib >= 1000 else "met at a smaller size only")
         if large_ok else "not measured"),
        ("3 (exchange-core README)", "a 200 MiB PDF signed to B-LT under `-Xmx128m`", "a test, not a benchmark: "
         "`LargePdfSigningTest`", "met (mvn verify)"),
    ]
    for row in rows:
        out.append("| " + " | ".join(row) + " |")
    out.append("")
    notes = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bottlenecks.md")
    if os.path.exists(notes):
        with open(notes, encoding="utf-8") as f:
            out.append(f.read().strip() + "\n")


def rerun_section(out):
    out.append("""## How to rerun

```sh
exchange-bench/scripts/run-all.sh --quick   # about 10 minutes: 1 × 2 s warm-up, 2 × 2 s measured
exchange-bench/scripts/run-all.sh           # full: 5 × 3 s warm-up, 8 × 3 s measured (about 30 min)
MVN_ARGS=-o SKIP_BUILD=1 exchange-bench/scripts/run-all.sh --quick   # offline, reusing built jars
```

It builds (`mvn -DskipTests package` of the modules involved), writes the fixtures, runs every JMH
suite with JSON output into `exchange-bench/target/bench/`, the EU DSS peer on interop-dss's own
class path (BouncyCastle 1.81), `exchange-bench/scripts/hub.sh` when it exists, and renders this
file with `exchange-bench/scripts/render.py`. Nothing of it runs in `mvn verify`, which only
compiles the benchmarks. Run it on a quiet machine for absolute figures.
""")


def main():
    bench_dir, target = sys.argv[1], sys.argv[2]
    results = load(bench_dir)
    m = properties(os.path.join(bench_dir, "machine.properties"))
    hub_props = properties(os.path.join(bench_dir, "hub.properties"))
    floors = {}
    sha = find(results, "baseline", "sha256")
    for alg, key, prov in (("RSA_2048", "rsa", "JDK"), ("EC_P256", "ec", "BC")):
        v = find(results, "baseline", "verify", algorithm=alg, provider=prov)
        s = find(results, "baseline", "sign", algorithm=alg, provider="BC")
        if v:
            floors[key + "_verify"] = v.per_second()
        if s:
            floors["sign_" + alg] = s.per_second()
    out = ["# Benchmarks", "",
           "Generated by `exchange-bench/scripts/run-all.sh` "
           f"(mode **{m.get('mode', '?')}**, {m.get('date', '?')}); do not edit by hand. Every "
           "figure sits beside a baseline measured in the same run, so the ratios survive a noisy "
           "machine.", ""]
    machine_section(out, m, results)
    method_section(out, m, results)
    baseline_section(out, results)
    verification_section(out, results, sha.score if sha else None)
    envelope_section(out, results, floors)
    signing_section(out, results, floors)
    routing_section(out, results)
    hub_section(out, bench_dir, hub_props, floors)
    targets_section(out, results, bench_dir, hub_props)
    rerun_section(out)
    os.makedirs(os.path.dirname(os.path.abspath(target)), exist_ok=True)
    with open(target, "w", encoding="utf-8") as f:
        f.write("\n".join(out).rstrip() + "\n")


if __name__ == "__main__":
    main()
