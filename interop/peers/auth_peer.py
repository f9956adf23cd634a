"""Servers in front of the spyne peer for soapgen's connectivity tests (issue 12).

    python auth_peer.py ntlm UPSTREAM_PORT      NTLM (pyspnego's acceptor) in front of spyne
    python auth_peer.py session UPSTREAM_PORT   a login operation sets a cookie the rest need
    python auth_peer.py httpbin                 httpbin 0.10.4 (SHA-256 Digest at /digest-auth/...)

Each listens on 127.0.0.1 (never another address) on a port the OS picks, prints
`READY <port>`, and exits when stdin closes, so a test process that dies takes it along.

ntlm: HTTP/1.1 keep-alive. Paths under /ntlm/ challenge with `WWW-Authenticate: NTLM`, paths
under /negotiate/ with `Negotiate` only (the token inside is raw NTLM, as IIS accepts). The
acceptor is `spnego.server(protocol=...)` with the users of the file NTLM_USER_FILE names. As
IIS does, a connection that finished the handshake stays authenticated: later requests on it
go through without one, and a handshake on one connection cannot be finished on another.
Authenticated requests are forwarded to spyne with the prefix removed; the response carries
`X-Ntlm-User` (who) and `X-Ntlm-Connection` (a number per connection, in order of arrival).

session: forwards everything to spyne. A GetAccount call that spyne answers with 200 is the
login: the response sets `SOAPSESSION=canaryck<random>; Path=/; HttpOnly`. Any other call without a
session cookie is refused with 403 and the text `login first`.
"""

import http.client
import http.server
import base64
import os
import secrets
import sys
import threading

UPSTREAM = None
CONNECTIONS = 0
LOCK = threading.Lock()
SESSIONS = set()


def forward(handler, path, body):
    conn = http.client.HTTPConnection("127.0.0.1", UPSTREAM, timeout=30)
    headers = {
        k: v
        for k, v in handler.headers.items()
        if k.lower() in ("content-type", "soapaction", "x-trace", "x-intercepted")
    }
    conn.request(handler.command, path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, response.getheader("Content-Type", "text/plain"), data


def read_body(handler):
    length = int(handler.headers.get("Content-Length") or 0)
    return handler.rfile.read(length) if length else b""


class Base(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, content_type, body, extra=()):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


class Ntlm(Base):
    """One instance per connection: its fields are the connection's NTLM state."""

    def setup(self):
        global CONNECTIONS
        super().setup()
        self.context = None
        self.user = None
        with LOCK:
            CONNECTIONS += 1
            self.connection_number = CONNECTIONS

    def do_GET(self):
        self.handle_any()

    def do_POST(self):
        self.handle_any()

    def handle_any(self):
        import spnego

        body = read_body(self)
        if self.path.startswith("/ntlm/"):
            scheme, protocol, rest = "NTLM", "ntlm", self.path[len("/ntlm"):]
        elif self.path.startswith("/negotiate/"):
            scheme, protocol, rest = "Negotiate", "negotiate", self.path[len("/negotiate"):]
        else:
            return self.reply(404, "text/plain", b"no such path")
        if self.user is None:
            header = self.headers.get("Authorization", "")
            if not header.startswith(scheme + " "):
                self.context = None
                return self.challenge(scheme, None)
            token = base64.b64decode(header[len(scheme) + 1:])
            if token[8:12] == b"\x01\x00\x00\x00" or self.context is None:
                self.context = spnego.server(protocol=protocol)
            try:
                out = self.context.step(token)
            except Exception as e:  # a wrong password, a foreign token
                sys.stderr.write("ntlm: refused: %s\n" % e)
                self.context = None
                return self.challenge(scheme, None)
            if not self.context.complete:
                return self.challenge(scheme, out)
            self.user = self.context.client_principal
        status, content_type, data = forward(self, rest, body)
        self.reply(
            status,
            content_type,
            data,
            [("X-Ntlm-User", str(self.user)), ("X-Ntlm-Connection", str(self.connection_number))],
        )

    def challenge(self, scheme, token):
        value = scheme if token is None else scheme + " " + base64.b64encode(token).decode()
        self.reply(401, "text/plain", b"authentication required", [("WWW-Authenticate", value)])


class Session(Base):
    def do_POST(self):
        body = read_body(self)
        action = (self.headers.get("SOAPAction") or "") + (self.headers.get("Content-Type") or "")
        login = "GetAccount" in action or b"GetAccount" in body[:2000]
        cookies = self.headers.get("Cookie") or ""
        has_session = any(
            part.strip().startswith("SOAPSESSION=") and part.strip()[12:] in SESSIONS
            for part in cookies.split(";")
        )
        if not login and not has_session:
            return self.reply(403, "text/plain", b"login first")
        status, content_type, data = forward(self, self.path, body)
        extra = []
        if login and status == 200:
            # A recognisable prefix, so tests can check the value is never shown.
            token = "canaryck" + secrets.token_hex(16)
            with LOCK:
                SESSIONS.add(token)
            extra.append(("Set-Cookie", "SOAPSESSION=%s; Path=/; HttpOnly" % token))
        self.reply(status, content_type, data, extra)


def serve(handler):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print("READY %d" % server.server_address[1], flush=True)


def serve_httpbin():
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server
    from socketserver import ThreadingMixIn

    from httpbin import app

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    class Threading(ThreadingMixIn, WSGIServer):
        daemon_threads = True

    server = make_server("127.0.0.1", 0, app, server_class=Threading, handler_class=Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print("READY %d" % server.server_address[1], flush=True)


def main():
    global UPSTREAM
    mode = sys.argv[1]
    if mode == "httpbin":
        serve_httpbin()
    else:
        UPSTREAM = int(sys.argv[2])
        serve({"ntlm": Ntlm, "session": Session}[mode])
    # Exit when the test process that started us goes away.
    sys.stdin.read()
    os._exit(0)


if __name__ == "__main__":
    main()
