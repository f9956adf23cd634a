"""Turns what bench/compare measured into one markdown table (stdout).

report.py WORK_DIR CRITERION_DIR
"""
import json
import os
import sys

work, criterion = sys.argv[1], sys.argv[2]


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def bench(group, name):
    """(MB/s, bytes) of a criterion benchmark, from its fastest sample: on a shared machine
    the fastest of ten samples is the one least slowed by other work."""
    base = os.path.join(criterion, group, name, "new")
    sample, meta = load(os.path.join(base, "sample.json")), load(os.path.join(base, "benchmark.json"))
    if not sample or not meta:
        return None
    size = meta["throughput"]["Bytes"]
    best = min(t / i for t, i in zip(sample["times"], sample["iters"]))
    return size / (best / 1e9) / 1e6, size


def calls(name):
    try:
        with open(os.path.join(work, f"calls-{name}.txt")) as f:
            return float(f.read().split()[-1])
    except (OSError, ValueError, IndexError):
        return None


def mbs(x):
    return f"{x[0]:,.0f} MB/s" if x else "n/a"


def verdict(value, first, stretch=None):
    if value is None:
        return "not measured"
    if stretch is not None and value >= stretch:
        return "yes (stretch too)"
    return "yes" if value >= first else "**no**"


rows = []
ours, raw, serde = bench("parse", "soapgen"), bench("parse", "xmlparser_raw"), bench("parse", "quick_xml_serde")
size = f"{ours[1] / 1e6:.1f} MB, 50,000 records" if ours else "50,000 records"
r = ours[0] / raw[0] if ours and raw else None
rows.append((f"Response parsing ({size}; fastest of 10 samples)", mbs(ours), "xmlparser tokenizer alone", mbs(raw),
             f"{r:.0%} of it" if r else "n/a", "≥ 60% (80%)", verdict(r, 0.6, 0.8)))
r = ours[0] / serde[0] if ours and serde else None
rows.append(("Response parsing", mbs(ours), "quick-xml 0.42 + serde", mbs(serde),
             f"{r:.2f}×" if r else "n/a", "≥ 1.5× (2×)", verdict(r, 1.5, 2.0)))
w_ours, w_serde = bench("write", "soapgen"), bench("write", "quick_xml_serde")
# Same records written by both: compare times, not each one's own bytes per second.
r = (w_serde[1] / w_serde[0]) / (w_ours[1] / w_ours[0]) if w_ours and w_serde else None
stretch = w_ours and w_ours[0] >= 1000
rows.append(("Request writing (same records)", mbs(w_ours), "quick-xml 0.42 + serde", mbs(w_serde),
             f"{r:.2f}×" if r else "n/a", "≥ 1.5× (1 GB/s)",
             "yes (stretch too)" if r and r >= 1.5 and stretch else verdict(r, 1.5)))

def at_most(value, limit):
    """Met when `value` is at most `limit` (memory: smaller is better)."""
    return "not measured" if value is None else ("yes" if value <= limit else "**no**")


def secs(x, places=2):
    if not x:
        return "n/a"
    cpu = f"; CPU {x['median_cpu_s']:.2f} s" if "median_cpu_s" in x else ""
    return f"{x['median_s']:.{places}f} s ({len(x['runs'])} runs{cpu})"


def faster(r):
    """A speed ratio in words: 2.0× faster, or 2.0× slower below 1."""
    if not r:
        return "n/a"
    return f"{r:.1f}× faster" if r >= 1 else f"{1 / r:.1f}× slower"


def mib(x):
    return f"{x['max_rss_kib'] / 1024:,.0f} MiB" if x else "n/a"


def text(name):
    path = os.path.join(work, name)
    return open(path).read().strip() if os.path.exists(path) else None


gen, xs = load(os.path.join(work, "gen-soapgen.json")), load(os.path.join(work, "gen-xsdata.json"))
zeep, base = load(os.path.join(work, "gen-zeep.json")), load(os.path.join(work, "gen-baseline.json"))
source = text("gen-source.txt") or "?"
r = xs["median_s"] / gen["median_s"] if gen and xs else None
rows.append((f"Generation from {source} (whole process, median)", secs(gen),
             "xsdata 26.10", secs(xs, 1), f"{r:.0f}× faster" if r else "n/a", "≥ 50×",
             verdict(r, 50)))
r = zeep["median_s"] / gen["median_s"] if gen and zeep else None
rows.append(("Generation (whole process) against merely loading the same WSDL", secs(gen),
             "zeep 4.3.3 `Client(wsdl)` alone (median; same rounds)", secs(zeep),
             faster(r), "faster (> 1×)",
             "not measured" if r is None else ("yes" if r > 1 else "**no**")))
r = gen["max_rss_kib"] / xs["max_rss_kib"] if gen and xs else None
rows.append(("Generator peak memory", mib(gen), "xsdata 26.10", mib(xs),
             f"{r:.0%} of it" if r else "n/a", "≤ 50%", at_most(r, 0.5)))
r = gen["max_rss_kib"] / zeep["max_rss_kib"] if gen and zeep else None
rows.append(("Generator peak memory", mib(gen), "zeep 4.3.3 `Client(wsdl)` process", mib(zeep),
             f"{r:.0%} of it" if r else "n/a", "—", "—"))
rev = text("baseline-rev.txt")
before = f"soapgen before ({rev.split()[0]})" if rev else "soapgen before"
if base and gen:
    rows.append(("Generation (whole process, median)", secs(gen), before, secs(base),
                 faster(base['median_s'] / gen['median_s']), "—", "—"))
    rows.append(("Generator peak memory", mib(gen), before, mib(base),
                 f"{gen['max_rss_kib'] / base['max_rss_kib']:.0%} of it", "—", "—"))
crate, base_crate = load(os.path.join(work, "crate.json")), load(os.path.join(work, "crate-baseline.json"))
xs_lines = text("xsdata-lines.txt")
if crate:
    rows.append(("Largest generated crate: lines of Rust", f"{crate['lines']:,}", "xsdata's Python",
                 f"{int(xs_lines):,}" if xs_lines and int(xs_lines) else "n/a", "", "—", "—"))
    if base_crate:
        rows.append(("Largest generated crate: lines of Rust", f"{crate['lines']:,}", before,
                     f"{base_crate['lines']:,}", f"{crate['lines'] / base_crate['lines']:.0%} of it",
                     "—", "—"))
    rows.append(("Largest generated crate: `cargo build` (debug, the crate alone from scratch)",
                 f"{crate['build_s']:.1f} s", before if base_crate else "",
                 f"{base_crate['build_s']:.1f} s" if base_crate else "",
                 faster(base_crate['build_s'] / crate['build_s']) if base_crate else "",
                 "—", "—"))
    if crate.get("release_s"):
        rows.append(("Largest generated crate: `cargo build --release` (crate alone)",
                     f"{crate['release_s']:.1f} s", "", "", "", "—", "—"))
five, ops = load(os.path.join(work, "crate-five.json")), text("five-operations.txt")
if five:
    what = f"e-conomic, 5 operations (`--operations {ops}`)"
    rows.append((f"{what}: lines of Rust", f"{five['lines']:,}", "", "", "", "—", "—"))
    rows.append((f"{what}: `cargo build` (debug, crate alone)", f"{five['build_s']:.1f} s",
                 "", "", "", "—", "—"))
c_ours, c_zeep = calls("soapgen"), calls("zeep")
r = c_ours / c_zeep if c_ours and c_zeep else None
rows.append(("Whole call on 127.0.0.1 (10 records each way)",
             f"{c_ours:,.0f} calls/s" if c_ours else "n/a", "zeep 4.3.3",
             f"{c_zeep:,.0f} calls/s" if c_zeep else "n/a", f"{r:.1f}×" if r else "n/a", "≥ 10×",
             verdict(r, 10)))
print("| Measure | soapgen | Peer | Peer's figure | Ratio | Target (stretch) | Met |")
print("|---|---:|---|---:|---:|---|---|")
for row in rows:
    print("| " + " | ".join(row) + " |")
