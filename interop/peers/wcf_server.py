"""Serves a WCF-style split service description, and hostile documents, for soapgen's
`soapgen fetch` tests. Python standard library only.

    python3 wcf_server.py [PORT]

Listens on 127.0.0.1 (never another address); PORT 0 or missing lets the OS pick one. Prints
`READY <port>` once it listens and exits when stdin closes, so a test process that dies takes
the server with it.

/wcf/InteropService.svc?wsdl and its parts (?wsdl=wsdl0, ?xsd=xsd0, ?xsd=xsd1, ?xsd=1) come
from the files in wcf/, with {{base}} replaced by the service's own URL on this server, as WCF
writes absolute locations naming the host it was reached at. /hostile/... are documents a
fetch must refuse: an import of file:///etc/passwd, a location climbing above the root, a
DOCTYPE with an external entity, and 10 MB documents with and without Content-Length.
"""

import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
SERVICE = "/wcf/InteropService.svc"
PARTS = {
    "wsdl": "InteropService.wsdl",
    "wsdl=wsdl0": "wsdl0.wsdl",
    "xsd=xsd0": "xsd0.xsd",
    "xsd=xsd1": "xsd1.xsd",
    "xsd=1": "xsd_1.xsd",
}
WSDL = "http://schemas.xmlsoap.org/wsdl/"
BIG = 10 * 1024 * 1024


def importing(location):
    return (
        '<definitions xmlns="%s" targetNamespace="urn:hostile">\n'
        '  <import namespace="urn:x" location="%s"/>\n'
        "</definitions>\n" % (WSDL, location)
    ).encode()


def big():
    filler = b"x" * (BIG - 100)
    return b'<definitions xmlns="' + WSDL.encode() + b'"><!--' + filler + b"--></definitions>"


HOSTILE = {
    "/hostile/passwd.wsdl": lambda: importing("file:///etc/passwd"),
    "/hostile/climb/climb.wsdl": lambda: importing("../../../x.xsd"),
    "/hostile/doctype.wsdl": lambda: (
        b'<!DOCTYPE definitions [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n'
        b'<definitions xmlns="' + WSDL.encode() + b'">&e;</definitions>'
    ),
    "/hostile/big.wsdl": big,
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        path, _, query = self.path.partition("?")
        if path == SERVICE and query in PARTS:
            with open(os.path.join(HERE, "wcf", PARTS[query]), encoding="utf-8") as f:
                base = "http://127.0.0.1:%d%s" % (self.server.server_port, SERVICE)
                self.reply(f.read().replace("{{base}}", base).encode())
        elif path == "/hostile/big-unannounced.wsdl":
            # No Content-Length: the body ends when the connection closes (HTTP/1.0).
            self.send_response(200)
            self.send_header("Content-Type", "text/xml; charset=utf-8")
            self.end_headers()
            try:
                self.wfile.write(big())
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading at its limit
        elif path in HOSTILE:
            self.reply(HOSTILE[path]())
        else:
            self.send_error(404)

    def reply(self, body):
        self.send_response(200)
        self.send_header("Content-Type", "text/xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    server = HTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print("READY %d" % server.server_port, flush=True)
    sys.stdin.read()  # returns when the test process closes stdin or dies
    os._exit(0)


if __name__ == "__main__":
    main()
