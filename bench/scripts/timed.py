"""Runs a command several times; prints JSON: each run's wall time, the median, and the
largest peak resident memory of the process tree (from wait4's rusage, in KiB).

timed.py RUNS OUT_JSON -- COMMAND...
"""
import json
import os
import statistics
import subprocess
import sys
import time


def main():
    runs, out = int(sys.argv[1]), sys.argv[2]
    command = sys.argv[sys.argv.index("--") + 1:]
    times, peak = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"failed ({os.waitstatus_to_exitcode(status)}): {' '.join(command)}")
        times.append(elapsed)
        peak = max(peak, usage.ru_maxrss)
    result = {"runs": times, "median_s": statistics.median(times), "max_rss_kib": peak}
    with open(out, "w") as f:
        json.dump(result, f)
    print(f"  {' '.join(os.path.basename(c) for c in command[:2])}: "
          f"median {result['median_s']:.3f} s of {runs}, peak {peak / 1024:.0f} MiB")


main()
