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

gen, xs = load(os.path.join(work, "gen-soapgen.json")), load(os.path.join(work, "gen-xsdata.json"))
source = open(os.path.join(work, "gen-source.txt")).read().strip() if os.path.exists(os.path.join(work, "gen-source.txt")) else "?"
r = xs["median_s"] / gen["median_s"] if gen and xs else None
rows.append((f"Generation from {source} (whole process, median)",
             f"{gen['median_s']:.2f} s ({len(gen['runs'])} runs)" if gen else "n/a",
             "xsdata 26.10", f"{xs['median_s']:.1f} s ({len(xs['runs'])} runs)" if xs else "n/a",
             f"{r:.0f}× faster" if r else "n/a", "≥ 20×", verdict(r, 20)))
c_ours, c_zeep = calls("soapgen"), calls("zeep")
r = c_ours / c_zeep if c_ours and c_zeep else None
rows.append(("Whole call on 127.0.0.1 (10 records each way)",
             f"{c_ours:,.0f} calls/s" if c_ours else "n/a", "zeep 4.3.3",
             f"{c_zeep:,.0f} calls/s" if c_zeep else "n/a", f"{r:.1f}×" if r else "n/a", "≥ 10×",
             verdict(r, 10)))
if gen and xs:
    rows.append(("Generator peak memory", f"{gen['max_rss_kib'] / 1024:,.0f} MiB", "xsdata 26.10",
                 f"{xs['max_rss_kib'] / 1024:,.0f} MiB",
                 f"{gen['max_rss_kib'] / xs['max_rss_kib']:.0%} of it", "—", "—"))
crate = load(os.path.join(work, "crate.json"))
if crate:
    rows.append(("Largest generated crate: lines of Rust", f"{crate['lines']:,}", "xsdata's Python",
                 f"{crate['xsdata_lines']:,}" if crate.get("xsdata_lines") else "n/a", "", "—", "—"))
    rows.append(("Largest generated crate: `cargo build` (debug, the crate alone from scratch)",
                 f"{crate['build_s']:.1f} s", "", "", "", "—", "—"))
    if crate.get("release_s"):
        rows.append(("Largest generated crate: `cargo build --release` (crate alone)",
                     f"{crate['release_s']:.1f} s", "", "", "", "—", "—"))

print("| Measure | soapgen | Peer | Peer's figure | Ratio | Target (stretch) | Met |")
print("|---|---:|---|---:|---:|---|---|")
for row in rows:
    print("| " + " | ".join(row) + " |")
