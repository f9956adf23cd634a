"""zeep's peer figure for generation: the time `zeep.Client(wsdl)` takes to load a WSDL.

zeep_load.py RUNS OUT_JSON WSDL: each run is a fresh interpreter (nothing cached between
runs) that imports zeep, then times `zeep.Client(WSDL)` alone: interpreter start and imports
are left out, which favours zeep. Writes JSON like timed.py's: each run's seconds, the
median, and the largest peak resident memory of a run's process (KiB, from wait4).
"""
import json
import os
import statistics
import subprocess
import sys

CHILD = """
import sys, time
import zeep
start = time.perf_counter()
zeep.Client(sys.argv[1])
print(time.perf_counter() - start)
"""


def main():
    runs, out, wsdl = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    times, peak = [], 0
    for _ in range(runs):
        child = subprocess.Popen([sys.executable, "-c", CHILD, wsdl],
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        stdout = child.stdout.read()
        _, status, usage = os.wait4(child.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            sys.exit(f"zeep.Client({wsdl}) failed ({os.waitstatus_to_exitcode(status)})")
        times.append(float(stdout.split()[-1]))
        peak = max(peak, usage.ru_maxrss)
    result = {"runs": times, "median_s": statistics.median(times), "max_rss_kib": peak}
    with open(out, "w") as f:
        json.dump(result, f)
    print(f"  zeep.Client(): median {result['median_s']:.3f} s of {runs}, peak {peak / 1024:.0f} MiB")


main()
