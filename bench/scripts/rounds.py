"""Runs several commands in rounds, one run of each per round, so that the load of a shared
machine, which drifts over a minute, weighs alike on all of them. Writes one JSON per
command, like timed.py's: each run's seconds, the median, the largest peak resident memory
of a run's process tree (KiB, from wait4), and the median CPU time (user + system).

rounds.py RUNS SPEC_JSON

SPEC_JSON: a list of {"out": path, "cmd": [...], "cwd": dir (optional), "self_timed": bool
(optional)}. A self-timed command prints its own figure in seconds as the last word of its
output (zeep_load.py's child: `Client()` alone); otherwise the whole process is timed.
"""
import json
import os
import statistics
import subprocess
import sys
import time


def run(spec):
    start = time.perf_counter()
    child = subprocess.Popen(spec["cmd"], cwd=spec.get("cwd"), stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True)
    stdout = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise RuntimeError(f"failed ({code}): {' '.join(spec['cmd'])}")
    if spec.get("self_timed"):
        elapsed = float(stdout.split()[-1])
    return elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime


def main():
    runs, specs = int(sys.argv[1]), json.load(open(sys.argv[2]))
    results = [{"runs": [], "cpu": [], "max_rss_kib": 0, "failed": None} for _ in specs]
    for _ in range(runs):
        for spec, result in zip(specs, results):
            if result["failed"]:
                continue
            try:
                elapsed, rss, cpu = run(spec)
            except RuntimeError as e:
                result["failed"] = str(e)
                print(f"  {e}", file=sys.stderr)
                continue
            result["runs"].append(elapsed)
            result["cpu"].append(cpu)
            result["max_rss_kib"] = max(result["max_rss_kib"], rss)
    for spec, result in zip(specs, results):
        if result["failed"]:
            continue
        result["median_s"] = statistics.median(result["runs"])
        result["median_cpu_s"] = statistics.median(result["cpu"])
        with open(spec["out"], "w") as f:
            json.dump(result, f)
        name = " ".join(os.path.basename(c) for c in spec["cmd"][:2])
        print(f"  {name}: median {result['median_s']:.3f} s of {runs} (CPU {result['median_cpu_s']:.3f} s), "
              f"peak {result['max_rss_kib'] / 1024:.0f} MiB", file=sys.stderr)


main()
