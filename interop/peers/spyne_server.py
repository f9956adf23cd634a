"""A spyne SOAP service for soapgen's interoperability tests.

    python spyne_server.py [PORT] [--lenient]

Serves one application on 127.0.0.1 (never another address), SOAP 1.1 at /soap11 and SOAP 1.2
at /soap12 (`?wsdl` on each path returns that version's WSDL), and both at /InteropService.asmx
(chosen by Content-Type, as ASP.NET does), and the inventory service of
samples/documented_inventory at /inventory/soap12 (SOAP 1.2). PORT 0 or missing lets the OS
pick one. Prints `READY <port>` on stdout once it listens, and exits when stdin closes, so a
test process that dies takes its server with it.

Requests are validated against the schema (spyne's lxml validator): an element in the wrong
namespace or order is a Client fault instead of being silently ignored. `--lenient` turns
that off.

The operations are modelled on the seed pages in samples/ (zoolz ResetPassword, cangooroo
updateUserPassword, smscreator UpdateCustomerAccountOrder, sos AuthHeader). Every value the
client sends is echoed back where it can be, so a test sees what the server parsed.
"""

import os
import sys

import logging
import threading
from datetime import datetime, timezone
from decimal import Decimal as PyDecimal
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from spyne import (
    Application,
    Array,
    Boolean,
    ByteArray,
    ComplexModel,
    Date,
    DateTime,
    Decimal,
    Double,
    Enum,
    Fault,
    Integer32,
    Integer64,
    ServiceBase,
    Unicode,
    Uuid,
    rpc,
)
from spyne.interface.xml_schema import _base as xml_schema_base
from spyne.protocol.soap import Soap11, Soap12
from spyne.server.wsgi import WsgiApplication
from spyne.util.toposort import toposort2


def stable_toposort2(data):
    """spyne 2.14 orders the schema's types level by level, sorted by repr(class); types made by
    Enum(...) and Array(...) all share one repr, so their order came from a set of classes, i.e.
    from memory addresses, and two runs published the types in different orders. Break the ties
    by type name, so the WSDL is the same bytes every run (tests compare it with the checked-in
    copy)."""
    for level in toposort2(data):
        yield sorted(
            level,
            key=lambda c: (repr(c), str(getattr(c, "__type_name__", "")), str(c.get_namespace())),
        )


xml_schema_base.toposort2 = stable_toposort2

NS = "urn:soapgen:interop"

# The credentials the service accepts.
AUTH_TOKEN = "tok-123"
HEADER_USER = "admin"
HEADER_PASSWORD = "s3cret"


class Model(ComplexModel):
    __namespace__ = NS


# --- ResetPassword (seed 003, zoolz) -------------------------------------------------------

ResetPasswordCode = Enum(
    "Success",
    "MissingParameters",
    "InvalidAuth",
    "InvalidEmail",
    "InvalidPassword",
    "GeneralError",
    type_name="ResetPasswordCode",
    __namespace__=NS,
)


class ResetPasswordResult(Model):
    _type_info = [("Code", ResetPasswordCode), ("Message", Unicode)]


RESET_MESSAGES = {
    "Success": "The password has been reset",
    "MissingParameters": "Missing parameters",
    "InvalidAuth": "Invalid Authentication Token",
    "InvalidEmail": "Invalid Email or Email does not exist",
    "InvalidPassword": "Invalid Password, Minimum 6 characters",
    "GeneralError": "General Error. DB error",
}


def reset_password_code(auth_token, email, password):
    if not auth_token or not email or not password:
        return "MissingParameters"
    if auth_token != AUTH_TOKEN:
        return "InvalidAuth"
    if "@" not in email:
        return "InvalidEmail"
    if not 6 <= len(password) <= 32:
        return "InvalidPassword"
    if email.startswith("dberror@"):
        return "GeneralError"
    return "Success"


# --- ChangePassword (seed 000, cangooroo updateUserPassword, with a result code) ------------

ChangePasswordCode = Enum(
    "Success",
    "UnknownUser",
    "WrongPassword",
    "WeakPassword",
    type_name="ChangePasswordCode",
    __namespace__=NS,
)


class ChangePasswordResult(Model):
    _type_info = [("Code", ChangePasswordCode), ("Message", Unicode)]


CHANGE_MESSAGES = {
    "Success": "The password has been changed",
    "UnknownUser": "No such user",
    "WrongPassword": "The old password is wrong",
    "WeakPassword": "The new password is too weak",
}


def change_password_code(username, old_password, new_password):
    if username != "alice":
        return "UnknownUser"
    if old_password != "old-secret":
        return "WrongPassword"
    if new_password is None or len(new_password) < 6 or new_password == old_password:
        return "WeakPassword"
    return "Success"


# --- UpdateOrder (seed 004, smscreator) ----------------------------------------------------

StatusCode = Enum(
    "None",
    "Ok",
    "InvalidUser",
    "AccountLocked",
    "IPLock",
    "DatabaseError",
    type_name="StatusCode",
    __namespace__=NS,
)


class Customer(Model):
    _type_info = [("Name", Unicode), ("Email", Unicode)]


class Order(Model):
    _type_info = [
        ("Id", Integer32),
        ("CustId", Integer32),
        ("Value", Double),
        ("Amount", Decimal),
        ("Payed", Boolean),
        ("ChangeDate", DateTime),
        ("Text", Unicode),
        ("Customer", Customer),
    ]


class UpdateOrderResult(Model):
    _type_info = [("StatusCode", StatusCode), ("Order", Order)]


# --- GetAccount (AuthHeader from seed 001, fields from seed 003's description) -------------


class AuthHeader(Model):
    _type_info = [("UserName", Unicode), ("Password", Unicode)]


class AccountInfo(Model):
    _type_info = [
        ("UserName", Unicode),
        ("StorageSpace", Integer64),
        ("UsedSpace", Integer64),
        ("RegistrationEnd", DateTime),
        ("LastActivity", DateTime),
    ]


# --- EchoNumbers: the edges of each numeric type ------------------------------------------


class Numbers(Model):
    _type_info = [
        ("Int", Integer32),
        ("Long", Integer64),
        ("Double", Double),
        ("Decimal", Decimal),
    ]


# --- Echo ----------------------------------------------------------------------------------


class EchoResult(Model):
    # Nullable is minOccurs=1 nillable (like .NET's Nullable<T>): spyne writes xsi:nil="true"
    # for None. Text is minOccurs=0: spyne leaves it out for None.
    _type_info = [("Text", Unicode), ("Nullable", Unicode(min_occurs=1, nillable=True))]


def order(order_id, customer_id, index):
    """The orders ListOrders returns: deterministic, one field of each type."""
    return Order(
        Id=order_id,
        CustId=customer_id,
        Value=index + 0.5,
        Amount=PyDecimal("%d.25" % (10 * index)),
        Payed=index % 2 == 0,
        ChangeDate=datetime(2024, 1, index + 1, 12, 30, 0, tzinfo=timezone.utc),
        Text="order %d" % index,
        Customer=Customer(Name="customer %d" % customer_id, Email="c%d@example.com" % customer_id),
    )


class RejectionDetail(Fault):
    """Declared (`_throws`) so the WSDL has a wsdl:fault whose element describes the detail
    entry Fail sends; spyne itself writes the detail from the dict given when raising."""

    __namespace__ = NS
    __type_name__ = "RejectionDetail"
    _type_info = [("Reason", Unicode), ("Code", Integer32)]


class InteropService(ServiceBase):
    @rpc(Unicode, Unicode, Unicode, _returns=ResetPasswordResult)
    def ResetPassword(ctx, authToken, email, password):
        code = reset_password_code(authToken, email, password)
        return ResetPasswordResult(Code=code, Message=RESET_MESSAGES[code])

    @rpc(Unicode, Unicode, Unicode, _returns=ChangePasswordResult)
    def ChangePassword(ctx, username, oldPassword, newPassword):
        code = change_password_code(username, oldPassword, newPassword)
        return ChangePasswordResult(Code=code, Message=CHANGE_MESSAGES[code])

    @rpc(Order, _returns=UpdateOrderResult)
    def UpdateOrder(ctx, order):
        if order is None:
            return UpdateOrderResult(StatusCode="None", Order=None)
        if order.CustId is None or order.CustId <= 0:
            return UpdateOrderResult(StatusCode="InvalidUser", Order=order)
        return UpdateOrderResult(StatusCode="Ok", Order=order)

    @rpc(Unicode, _returns=AccountInfo, _in_header=(AuthHeader,))
    def GetAccount(ctx, username):
        header = ctx.in_header
        if header is None or header.UserName is None:
            raise Fault("Client.Unauthorized", "AuthHeader is missing")
        if header.UserName != HEADER_USER or header.Password != HEADER_PASSWORD:
            raise Fault("Client.Unauthorized", "AuthHeader credentials are wrong")
        return AccountInfo(
            UserName=username,
            StorageSpace=5 * 1024**4,
            UsedSpace=1234567890123,
            RegistrationEnd=datetime(2030, 12, 31, 23, 59, 59, tzinfo=timezone.utc),
            LastActivity=datetime(2024, 6, 1, 8, 0, 0, tzinfo=timezone.utc),
        )

    @rpc(Integer32, _returns=Array(Order))
    def ListOrders(ctx, customerId):
        count = max(0, min(customerId or 0, 3))
        return [order(customerId * 100 + i, customerId, i) for i in range(count)]

    @rpc(Array(Double), _returns=Double)
    def SumValues(ctx, values):
        return float(sum(v for v in (values or []) if v is not None))

    @rpc(Unicode, _returns=Boolean, _throws=[RejectionDetail])
    def Fail(ctx, reason):
        raise Fault(
            faultcode="Client.Rejected",
            faultstring=reason or "",
            # Clark-notation keys put the detail entry in the service namespace.
            detail={
                "{%s}RejectionDetail" % NS: {"{%s}Reason" % NS: reason or "", "{%s}Code" % NS: "42"}
            },
        )

    @rpc(Numbers, _returns=Numbers)
    def EchoNumbers(ctx, numbers):
        return numbers

    @rpc(Unicode, Unicode, _returns=EchoResult)
    def Echo(ctx, text, nullable):
        return EchoResult(Text=text, Nullable=nullable)


# --- Inventory: the service samples/documented_inventory documents (SOAP 1.2 only) ----------
# Its page is vendor documentation with concrete envelopes: the page is the contract, so what
# this service accepts and sends is what the page shows, value for value.

INVENTORY_NS = "urn:soapgen:inventory"
INVENTORY_KEY = "inv-key-42"


class InventoryModel(ComplexModel):
    __namespace__ = INVENTORY_NS


class InventoryAuth(InventoryModel):
    _type_info = [("ApiKey", Unicode), ("ClientId", Unicode)]


class StockLevel(InventoryModel):
    _type_info = [
        ("Sku", Unicode),
        ("Warehouse", Integer32),
        ("Quantity", Integer64),
        ("Price", Decimal),
        ("InStock", Boolean),
        ("UpdatedAt", DateTime),
        ("BatchId", Uuid),
    ]


class Item(InventoryModel):
    _type_info = [("Sku", Unicode), ("Name", Unicode), ("Price", Decimal), ("Tag", Unicode)]


class Adjustment(InventoryModel):
    _type_info = [
        ("Sku", Unicode),
        ("Quantity", Integer64),
        ("Effective", Date),
        ("Receipt", ByteArray),
    ]


def inventory_auth(ctx):
    header = ctx.in_header
    if header is None or header.ApiKey != INVENTORY_KEY:
        raise Fault("Client.Unauthorized", "InventoryAuth is missing or its ApiKey is wrong")
    return header


class InventoryService(ServiceBase):
    @rpc(Unicode, Integer32, _returns=StockLevel, _in_header=(InventoryAuth,))
    def GetStock(ctx, Sku, Warehouse):
        inventory_auth(ctx)
        return StockLevel(
            Sku=Sku,
            Warehouse=Warehouse,
            Quantity=9000000000 + len(Sku or ""),
            Price=PyDecimal("12.50"),
            InStock=(Warehouse or 0) > 0,
            UpdatedAt=datetime(2024, 5, 1, 10, 0, 0, tzinfo=timezone.utc),
            BatchId="3f2504e0-4f89-11d3-9a0c-0305e82c3301",
        )

    @rpc(Unicode, Unicode(max_occurs="unbounded"), Integer32, _returns=Array(Item))
    def ListItems(ctx, Category, Tag, Limit):
        tags = [t for t in (Tag or []) if t is not None] or ["none"]
        count = max(0, min(Limit or 0, len(tags)))
        return [
            Item(
                Sku="%s-%d" % (Category, i + 1),
                Name="%s item %d" % (Category, i + 1),
                Price=PyDecimal("%d.99" % (i + 3)),
                Tag=tags[i],
            )
            for i in range(count)
        ]

    @rpc(Unicode, Integer64, Date, ByteArray, _returns=Adjustment, _in_header=(InventoryAuth,))
    def AdjustStock(ctx, Sku, Delta, Effective, Note):
        header = inventory_auth(ctx)
        note = b"".join(Note or [])
        receipt = ("%s:%s:%d:" % (header.ClientId, Sku, Delta or 0)).encode() + note
        return Adjustment(
            Sku=Sku,
            Quantity=100 + (Delta or 0),
            Effective=Effective,
            Receipt=[receipt],
        )


def inventory_application(lenient):
    validator = None if lenient else "lxml"
    return WsgiApplication(
        Application(
            [InventoryService],
            tns=INVENTORY_NS,
            name="InventoryService",
            in_protocol=Soap12(validator=validator),
            out_protocol=Soap12(),
        )
    )


def application(protocol, lenient, encoding=None):
    validator = None if lenient else "lxml"
    return WsgiApplication(
        Application(
            [InteropService],
            tns=NS,
            name="InteropService",
            in_protocol=protocol(validator=validator),
            out_protocol=protocol(encoding=encoding),
        )
    )


# Where an .asmx service would be: both versions on one path, told apart by Content-Type, as
# the help page in samples/interop_page describes the service.
ASMX_PATH = "/InteropService.asmx"


class Router:
    """One spyne application per SOAP version, chosen by path (or, on ASMX_PATH, by the
    request's Content-Type)."""

    def __init__(self, lenient):
        self.apps = {
            "/soap11": application(Soap11, lenient),
            "/soap12": application(Soap12, lenient),
            "/inventory/soap12": inventory_application(lenient),
            # Answers in UTF-16 (with a BOM), as WCF's text encoder can be set to.
            "/soap11-utf16": application(Soap11, lenient, "UTF-16"),
            "/soap12-utf16": application(Soap12, lenient, "UTF-16"),
        }

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == ASMX_PATH:
            soap12 = environ.get("CONTENT_TYPE", "").startswith("application/soap+xml")
            path = "/soap12" if soap12 else "/soap11"
        app = self.apps.get(path)
        if app is None:
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"not found: use /soap11 or /soap12\n"]
        return app(environ, start_response)


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
    args = [a for a in argv if not a.startswith("--")]
    port = int(args[0]) if args else 0
    logging.basicConfig(level=logging.ERROR, stream=sys.stderr)
    # Client faults are what the tests ask for; server errors (bugs) still go to stderr.
    logging.getLogger("spyne.application.client").setLevel(logging.CRITICAL)
    server = make_server(
        "127.0.0.1",
        port,
        Router("--lenient" in argv),
        server_class=ThreadingServer,
        handler_class=QuietHandler,
    )
    threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    print("READY %d" % server.server_port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1:])
