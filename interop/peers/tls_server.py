"""The spyne service of spyne_server.py behind TLS (Python's ssl module, i.e. OpenSSL), for
soapgen's connectivity tests.

    tls_server.py CERT_PEM KEY_PEM [CLIENT_CA_PEM]

With CLIENT_CA_PEM the server requires a client certificate issued by that CA
(ssl.CERT_REQUIRED), as a payment or government gateway does. Listens on 127.0.0.1 on a port
the OS picks, prints `READY <port>` once it listens, and exits when stdin closes.
"""

import logging
import socket
import ssl
import sys
import threading

import spyne_server


class TlsServer(spyne_server.ThreadingServer):
    context = None

    def finish_request(self, request, client_address):
        # The handshake runs in the request's thread, so one bad client blocks no one.
        request.settimeout(30)
        tls = self.context.wrap_socket(request, server_side=True, do_handshake_on_connect=False)
        try:
            tls.do_handshake()
        except (ssl.SSLError, OSError) as e:
            print("handshake refused: %s" % e, file=sys.stderr, flush=True)
            linger(tls)
            tls.close()
            return
        try:
            super().finish_request(tls, client_address)
        finally:
            tls.close()


def linger(sock):
    """Closes as Apache httpd does (lingering close): reads what the client still sends
    before closing, so its request does not meet a reset but the TLS alert already sent."""
    try:
        sock.shutdown(socket.SHUT_WR)
        sock.settimeout(2)
        while sock.recv(4096):
            pass
    except OSError:
        pass


def main(argv):
    cert, key = argv[0], argv[1]
    client_ca = argv[2] if len(argv) > 2 else None
    logging.basicConfig(level=logging.ERROR, stream=sys.stderr)
    logging.getLogger("spyne.application.client").setLevel(logging.CRITICAL)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    if client_ca:
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_verify_locations(client_ca)
    TlsServer.context = context
    server = spyne_server.make_server(
        "127.0.0.1",
        0,
        spyne_server.Router(False),
        server_class=TlsServer,
        handler_class=spyne_server.QuietHandler,
    )
    threading.Thread(target=spyne_server.exit_when_stdin_closes, daemon=True).start()
    print("READY %d" % server.server_port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1:])
