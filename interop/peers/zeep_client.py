"""Calls operations of a SOAP service with zeep and reports exactly what went over the wire.

    python zeep_client.py WSDL_URL 1.1|1.2 OPERATION ARGS_JSON
    python zeep_client.py WSDL_URL 1.1|1.2 --batch CALLS_JSON

CALLS_JSON is a JSON array of [OPERATION, ARGS] pairs, called in order with one client (the
WSDL is read once); one JSON object per call is printed, one per line.

ARGS_JSON is a JSON object passed to the operation as keyword arguments; zeep's own keywords
work too, e.g. {"_soapheaders": {"AuthHeader": {"UserName": "u", "Password": "p"}}}. Strings
given for xs:decimal and xs:dateTime values are converted by zeep itself.

The port is the WSDL's port whose binding has the requested SOAP version (spyne publishes one
WSDL per version, node-soap one WSDL with a port for each).

For each call, prints one JSON object on a line of stdout (keys sorted, compact, UTF-8):
    request_envelope  the request body as sent, the real bytes (recorded in a requests
                      adapter below zeep, not zeep's HistoryPlugin re-serialisation)
    request_headers   the HTTP request headers as sent
    status            the HTTP status of the reply
    response_body     the reply body as received
    result            the operation's result, serialised (null when a fault came back)
    fault             null, or {code, message, subcodes, actor, detail}: zeep's reading
                      of a SOAP fault
Decimals are written as JSON strings (their exact text), dateTimes as ISO 8601 strings,
bytes as base64. Exit status 0 whenever a reply was read (fault included), 1 otherwise.
"""

import base64
import datetime
import decimal
import json
import sys

import requests
from lxml import etree
from zeep import Client, Settings, Transport
from zeep.exceptions import Fault
from zeep.helpers import serialize_object
from zeep.wsdl.bindings.soap import Soap11Binding, Soap12Binding


class RecordingAdapter(requests.adapters.HTTPAdapter):
    """Keeps the last request and response exactly as they crossed the socket layer."""

    def __init__(self):
        super().__init__()
        self.sent = []

    def send(self, request, **kwargs):
        response = super().send(request, **kwargs)
        self.sent.append((request, response))
        return response


def to_json(value):
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, etree._Element):
        return etree.tostring(value, encoding="unicode")
    raise TypeError("cannot serialise %r" % type(value))


def pick_port(client, version):
    wanted = {"1.1": Soap11Binding, "1.2": Soap12Binding}[version]
    for service in client.wsdl.services.values():
        for port in service.ports.values():
            # Soap12Binding derives from SoapBinding, not from Soap11Binding: exact types.
            if type(port.binding) is wanted:
                return service.name, port.name
    raise SystemExit("no SOAP %s port in the WSDL" % version)


def call(service, adapter, operation, args):
    adapter.sent.clear()
    out = {"result": None, "fault": None}
    try:
        out["result"] = serialize_object(getattr(service, operation)(**args), dict)
    except Fault as fault:
        out["fault"] = {
            "code": fault.code,
            "message": fault.message,
            "subcodes": [str(s) for s in (fault.subcodes or [])],
            "actor": fault.actor,
            "detail": (
                etree.tostring(fault.detail, encoding="unicode") if fault.detail is not None else None
            ),
        }
    if not adapter.sent:
        raise SystemExit("zeep sent no request for %s" % operation)
    request, response = adapter.sent[-1]
    body = request.body if isinstance(request.body, bytes) else request.body.encode("utf-8")
    out["request_envelope"] = body.decode("utf-8")
    out["request_headers"] = dict(request.headers)
    out["status"] = response.status_code
    out["response_body"] = response.content.decode("utf-8", errors="replace")
    text = json.dumps(out, default=to_json, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    sys.stdout.buffer.write(text.encode("utf-8") + b"\n")
    sys.stdout.flush()


def main(argv):
    if len(argv) != 4:
        raise SystemExit(__doc__)
    wsdl_url, version, operation, args_json = argv
    if operation == "--batch":
        calls = json.loads(args_json)
    else:
        calls = [[operation, json.loads(args_json)]]
    session = requests.Session()
    adapter = RecordingAdapter()
    session.mount("http://", adapter)
    client = Client(
        wsdl_url,
        transport=Transport(session=session, timeout=30, operation_timeout=30),
        settings=Settings(strict=True, xml_huge_tree=False),
    )
    service_name, port_name = pick_port(client, version)
    service = client.bind(service_name, port_name)
    for operation, args in calls:
        call(service, adapter, operation, args)


if __name__ == "__main__":
    main(sys.argv[1:])
