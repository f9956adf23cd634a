"""A TLS terminator in front of a local TCP port (as stunnel is), for soapgen's connectivity
tests: it makes a plain forward proxy an `https://` proxy.

    tls_relay.py CERT_PEM KEY_PEM TARGET_PORT

Listens on 127.0.0.1 on a port the OS picks, prints `READY <port>` once it listens, relays
each TLS connection's bytes to 127.0.0.1:TARGET_PORT and back, and exits when stdin closes.
"""

import os
import socket
import ssl
import sys
import threading


def pump(source, sink):
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            sink.sendall(data)
    except OSError:
        pass
    finally:
        try:
            sink.shutdown(socket.SHUT_WR)
        except OSError:
            pass


def serve(context, client, target_port):
    try:
        tls = context.wrap_socket(client, server_side=True)
    except (ssl.SSLError, OSError) as e:
        print("handshake refused: %s" % e, file=sys.stderr, flush=True)
        client.close()
        return
    upstream = socket.create_connection(("127.0.0.1", target_port))
    back = threading.Thread(target=pump, args=(upstream, tls), daemon=True)
    back.start()
    pump(tls, upstream)
    back.join()
    tls.close()
    upstream.close()


def exit_when_stdin_closes():
    try:
        while sys.stdin.buffer.read(4096):
            pass
    finally:
        os._exit(0)


def main(argv):
    cert, key, target_port = argv[0], argv[1], int(argv[2])
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    print("READY %d" % listener.getsockname()[1], flush=True)
    while True:
        client, _ = listener.accept()
        threading.Thread(target=serve, args=(context, client, target_port), daemon=True).start()


if __name__ == "__main__":
    main(sys.argv[1:])
