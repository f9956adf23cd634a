"""zeep's peer figure for generation: the time `zeep.Client(wsdl)` takes to load a WSDL.

zeep_load.py WSDL: imports zeep, then times `zeep.Client(WSDL)` alone and prints the seconds
as its last word. Interpreter start and imports are left out, which favours zeep; each run
is a fresh interpreter (rounds.py runs it as a self-timed command), so nothing is cached.
"""
import sys
import time

import zeep

start = time.perf_counter()
zeep.Client(sys.argv[1])
print(time.perf_counter() - start)
