"""The HTTP GET / HTTP POST peer of soapgen's interoperability tests (issue 14).

    python spyne_http.py [PORT]

spyne 2.14 with `HttpRpc` in (parameters from the query string of a GET or the
form-encoded body of a POST) and `XmlDocument` out (a plain XML document, no envelope):
what an ASMX service's "HTTP GET" / "HTTP POST" protocols are. The service sits under
/Forms.asmx, so `GET /Forms.asmx/Echo?text=...` calls Echo, as on an ASMX help page;
samples/http_forms/Forms.txt is the help page of exactly this service.

Listens on 127.0.0.1 only, on a port the OS picks unless given, prints `READY <port>`,
and exits when stdin closes.
"""

import logging
import os
import sys
import threading
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from spyne import (
    Application,
    Boolean,
    ComplexModel,
    Date,
    DateTime,
    Double,
    Integer32,
    Iterable,
    ServiceBase,
    Unicode,
    rpc,
)
from spyne.protocol.http import HttpRpc
from spyne.protocol.xml import XmlDocument
from spyne.server.wsgi import WsgiApplication

NS = "urn:soapgen:forms"


class Echoed(ComplexModel):
    """Every parameter as the service read it."""

    __namespace__ = NS
    _type_info = [
        ("text", Unicode),
        ("count", Integer32),
        ("flag", Boolean),
        ("ratio", Double),
        ("day", Date),
        ("at", DateTime),
        ("note", Unicode),
        ("noteGiven", Boolean),
        ("tags", Unicode(max_occurs="unbounded")),
    ]


class Forms(ServiceBase):
    @rpc(
        Unicode,
        Integer32,
        Boolean,
        Double,
        Date,
        DateTime,
        Unicode(min_occurs=0),
        Unicode(max_occurs="unbounded"),
        _returns=Echoed,
    )
    def Echo(ctx, text, count, flag, ratio, day, at, note, tags):
        return Echoed(
            text=text,
            count=count,
            flag=flag,
            ratio=ratio,
            day=day,
            at=at,
            note=note,
            noteGiven=note is not None,
            tags=list(tags or []),
        )

    @rpc(Integer32, _returns=Boolean)
    def IsEven(ctx, n):
        return n % 2 == 0


def application():
    app = Application(
        [Forms],
        tns=NS,
        name="Forms",
        in_protocol=HttpRpc(validator="soft"),
        out_protocol=XmlDocument(),
    )
    return WsgiApplication(app)


class Router:
    """/Forms.asmx/<operation> → the spyne application, with the prefix removed."""

    def __init__(self):
        self.app = application()

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        prefix = "/Forms.asmx"
        if not path.startswith(prefix + "/"):
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"not found"]
        environ["SCRIPT_NAME"] = prefix
        environ["PATH_INFO"] = path[len(prefix):]
        return self.app(environ, start_response)


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


class ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True


def exit_when_stdin_closes():
    try:
        while sys.stdin.buffer.read(4096):
            pass
    finally:
        os._exit(0)


def main(argv):
    port = int(argv[0]) if argv else 0
    logging.basicConfig(level=logging.ERROR, stream=sys.stderr)
    logging.getLogger("spyne.application.client").setLevel(logging.CRITICAL)
    server = make_server(
        "127.0.0.1", port, Router(), server_class=ThreadingServer, handler_class=QuietHandler
    )
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    print("READY %d" % server.server_port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1:])
