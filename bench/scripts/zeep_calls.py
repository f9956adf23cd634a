"""zeep's side of the whole-call benchmark.

zeep_calls.py WSDL URL SECONDS: calls EchoRecords on URL (one process, one call at a time).
The first call fetches the server's records; every timed call sends those same records
back, as bench-call does. Prints `calls_per_sec N`.
"""
import sys
import time

import zeep


def main():
    wsdl, url, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    client = zeep.Client(wsdl)
    service = client.create_service("{http://soapgen.example/bench}RecordServiceSoap", url)
    records = service.EchoRecords(records=None)
    expected = len(records)
    payload = {"Record": records}

    def call():
        reply = service.EchoRecords(records=payload)
        assert len(reply) == expected, (len(reply), expected)

    warm_up = time.perf_counter()
    while time.perf_counter() - warm_up < 0.5:
        call()
    start, calls = time.perf_counter(), 0
    while time.perf_counter() - start < seconds:
        call()
        calls += 1
    print(f"calls_per_sec {calls / (time.perf_counter() - start):.1f}")


main()
