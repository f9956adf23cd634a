#!/usr/bin/env python3
"""Builds the starting corpora in fuzz/corpus/<target>/ from documents cut out of the
seed pages (fuzz/seeds/docs/*.xml) and the hand-written documents in fuzz/seeds/extra/.
Each corpus file is one selector byte followed by the document (see runtime/src/fuzzing.rs
and fuzz_targets/seed_responses.rs)."""
import hashlib, pathlib, re

HERE = pathlib.Path(__file__).parent
CORPUS = HERE.parent / "corpus"
FILL = [(">boolean<", ">true<"), (">int<", ">42<"), (">double<", ">1.5E3<"),
        (">dateTime<", ">2024-05-01T10:20:30.5+02:00<"), (">string<", ">a &amp; b<"),
        (">String<", ">x<")]

def filled(doc):
    for a, b in FILL:
        doc = doc.replace(a, b)
    return re.sub(r">None or (\w+) or [^<]*<", r">\1<", doc)

def write(target, selector, doc):
    data = bytes([selector]) + doc.encode()
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)

docs = sorted((HERE / "docs").glob("*.xml")) + sorted((HERE / "extra").glob("*.xml"))
seed_of = {"cangooroo_backoffice": 0, "registrar_servicestack": 1, "smscreator_customers": 2,
           "sos_account_management": 3, "zoolz_reseller": 4}
for path in docs:
    raw = path.read_text()
    for doc in {raw, filled(raw)}:
        for selector in (0, 1, 7, 42, 200):
            write("xml_reader", selector, doc)
        for selector in (0, 2, 3, 5):
            write("envelope", selector, doc)
        name = path.stem.rsplit("_", 1)[0]
        if name in seed_of:
            # data[0] % 5 picks the client, its top bit the status (500 when set).
            for selector in (seed_of[name], 130 + seed_of[name]):
                write("seed_responses", selector, doc)
        else:
            for client in range(5):
                write("seed_responses", client, doc)
