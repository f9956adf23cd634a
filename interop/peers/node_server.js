// A node-soap SOAP service for soapgen's interoperability tests.
//
//     node node_server.js [PORT]
//
// Serves samples/interop_node/interop_node.wsdl (the sample its client is generated from) on
// 127.0.0.1 (never another address): SOAP 1.1 at /soap11, SOAP 1.2 at /soap12 (`?wsdl` on either
// returns the one WSDL, with a port per version), and both at /InteropService.asmx (chosen by
// Content-Type). PORT 0 or missing lets the OS pick one. Prints `READY <port>` on stdout once
// it listens, and exits when stdin closes, so a test process that dies takes its server with it.
//
// node-soap chooses the response envelope version per listener (`forceSoap12Headers`), not per
// request, hence one listener per path. It picks the binding by matching the request path
// against the WSDL's port locations, and the operation by the SOAPAction header (exact, then
// its last `/` segment), else by the body's first element.
//
// `soap` is loaded from ../.peers/node/node_modules, where setup.sh installs the pinned
// package-lock.json.
//
// Parsing options: decimals, longs and dateTimes are kept as the text that was sent (node-soap
// would turn them into JavaScript numbers and Dates, losing digits and time zones), strings keep
// their whitespace (node-soap trims them by default), and xsi:nil becomes null. Every value a client sends is echoed back where
// it can be, so a test sees what the server parsed.

'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');
const { createRequire } = require('module');

const peersDir = process.env.SOAPGEN_PEERS_DIR || path.join(__dirname, '..', '.peers');
const soap = createRequire(path.join(peersDir, 'node', 'package.json'))('soap');

const NS = 'urn:soapgen:interop';
const ASMX_PATH = '/InteropService.asmx';
// Fail with this reason over SOAP 1.2 answers the malformed fault node-soap's docs suggest.
const LOWER_CASE_SUBCODE = 'lower-case subcode';
const AUTH_TOKEN = 'tok-123';
const HEADER_USER = 'admin';
const HEADER_PASSWORD = 's3cret';

const RESET_MESSAGES = {
  Success: 'The password has been reset',
  MissingParameters: 'Missing parameters',
  InvalidAuth: 'Invalid Authentication Token',
  InvalidEmail: 'Invalid Email or Email does not exist',
  InvalidPassword: 'Invalid Password, Minimum 6 characters',
  GeneralError: 'General Error. DB error',
};

const CHANGE_MESSAGES = {
  Success: 'The password has been changed',
  UnknownUser: 'No such user',
  WrongPassword: 'The old password is wrong',
  WeakPassword: 'The new password is too weak',
};

function changePasswordCode({ username, oldPassword, newPassword }) {
  if (username !== 'alice') return 'UnknownUser';
  if (oldPassword !== 'old-secret') return 'WrongPassword';
  if (typeof newPassword !== 'string' || newPassword.length < 6 || newPassword === oldPassword) {
    return 'WeakPassword';
  }
  return 'Success';
}

function resetPasswordCode({ authToken, email, password }) {
  if (!authToken || !email || !password) return 'MissingParameters';
  if (authToken !== AUTH_TOKEN) return 'InvalidAuth';
  if (!email.includes('@')) return 'InvalidEmail';
  if (password.length < 6 || password.length > 32) return 'InvalidPassword';
  if (email.startsWith('dberror@')) return 'GeneralError';
  return 'Success';
}

// Objects are written in key order: build them in schema order.
function orderOut(o) {
  const out = {};
  for (const key of ['Id', 'CustId', 'Value', 'Amount', 'Payed', 'ChangeDate', 'Text']) {
    if (o[key] !== undefined) out[key] = o[key];
  }
  if (o.Customer !== undefined && o.Customer !== null) {
    out.Customer = {};
    for (const key of ['Name', 'Email']) {
      if (o.Customer[key] !== undefined) out.Customer[key] = o.Customer[key];
    }
  }
  return out;
}

function listedOrder(customerId, index) {
  return {
    Id: customerId * 100 + index,
    CustId: customerId,
    Value: index + 0.5,
    Amount: `${10 * index}.25`,
    Payed: index % 2 === 0,
    ChangeDate: `2024-01-0${index + 1}T12:30:00Z`,
    Text: `order ${index}`,
    Customer: { Name: `customer ${customerId}`, Email: `c${customerId}@example.com` },
  };
}

// A fault in the shape of the listener's SOAP version.
function fault(version, code, subcode, reason, detail) {
  if (version === '1.1') {
    const f = { faultcode: `soap:${code === 'Sender' ? 'Client' : 'Server'}.${subcode}`, faultstring: reason };
    if (detail) f.detail = detail;
    return { Fault: { ...f, statusCode: 500 } };
  }
  // `Value` (capital V) in Subcode: the lower-case form node-soap's docs show is invalid.
  const f = {
    Code: { Value: `soap:${code}`, Subcode: { Value: `tns:${subcode}` } },
    Reason: { Text: { attributes: { 'xml:lang': 'en' }, $value: reason } },
  };
  if (detail) f.Detail = detail;
  return { Fault: { ...f, statusCode: 500 } };
}

function rejectionDetail(reason) {
  return { 'tns:RejectionDetail': { 'tns:Reason': reason, 'tns:Code': '42' } };
}

function operations(version) {
  return {
    ResetPassword(args) {
      const code = resetPasswordCode(args || {});
      return { ResetPasswordResult: { Code: code, Message: RESET_MESSAGES[code] } };
    },
    ChangePassword(args) {
      const code = changePasswordCode(args || {});
      return { ChangePasswordResult: { Code: code, Message: CHANGE_MESSAGES[code] } };
    },
    UpdateOrder(args) {
      const order = args && args.order;
      if (!order) return { UpdateOrderResult: { StatusCode: 'None' } };
      const status = order.CustId > 0 ? 'Ok' : 'InvalidUser';
      return { UpdateOrderResult: { StatusCode: status, Order: orderOut(order) } };
    },
    GetAccount(args, callback, headers) {
      const auth = headers && headers.AuthHeader;
      if (!auth || auth.UserName === undefined) {
        throw fault(version, 'Sender', 'Unauthorized', 'AuthHeader is missing');
      }
      if (auth.UserName !== HEADER_USER || auth.Password !== HEADER_PASSWORD) {
        throw fault(version, 'Sender', 'Unauthorized', 'AuthHeader credentials are wrong');
      }
      return {
        GetAccountResult: {
          UserName: args && args.username,
          StorageSpace: '5497558138880',
          UsedSpace: '1234567890123',
          RegistrationEnd: '2030-12-31T23:59:59Z',
          LastActivity: '2024-06-01T08:00:00Z',
        },
      };
    },
    ListOrders(args) {
      const id = (args && args.customerId) || 0;
      const count = Math.max(0, Math.min(id, 3));
      const orders = [];
      for (let i = 0; i < count; i++) orders.push(listedOrder(id, i));
      return { ListOrdersResult: count ? { Order: orders } : {} };
    },
    SumValues(args) {
      let values = (args && args.values && args.values.double) || [];
      if (!Array.isArray(values)) values = [values];
      return { SumValuesResult: values.reduce((sum, v) => sum + (v === null ? 0 : v), 0) };
    },
    Fail(args) {
      const reason = (args && args.reason) || '';
      if (version === '1.2' && reason === LOWER_CASE_SUBCODE) {
        // The SOAP 1.2 fault as node-soap's README shows it: `Subcode: { value }`, which
        // makes an invalid <Subcode> (no <Value>). Clients must not crash on it.
        throw {
          Fault: {
            Code: { Value: 'soap:Sender', Subcode: { value: 'tns:Rejected' } },
            Reason: { Text: reason },
            statusCode: 500,
          },
        };
      }
      throw fault(version, 'Sender', 'Rejected', reason, rejectionDetail(reason));
    },
    EchoNumbers(args) {
      const n = (args && args.numbers) || {};
      const out = {};
      for (const key of ['Int', 'Long', 'Double', 'Decimal']) {
        if (n[key] !== undefined) out[key] = n[key];
      }
      return { EchoNumbersResult: out };
    },
    Echo(args) {
      const a = args || {};
      const result = {};
      if (a.text !== undefined) result.Text = a.text;
      result.Nullable = a.nullable === undefined ? null : a.nullable;
      return { EchoResult: result };
    },
  };
}

async function listen(server, wsdl, version) {
  let listener;
  await new Promise((resolve, reject) => {
    listener = soap.listen(server, {
      path: version === '1.1' ? '/soap11' : '/soap12',
      xml: wsdl,
      services: {
        InteropService: {
          [version === '1.1' ? 'InteropServiceSoap' : 'InteropServiceSoap12']: operations(version),
        },
      },
      forceSoap12Headers: version === '1.2',
      suppressStack: true,
      handleNilAsNull: true,
      customDeserializer: { decimal: (t) => t, long: (t) => t, dateTime: (t) => t },
      callback: (err) => (err ? reject(err) : resolve()),
    });
  });
  // Two work-arounds for node-soap 1.13.0, so that values come back as they were sent:
  // - the server options do not pass preserveWhitespace on to the parser: set it where the
  //   parser reads it, or string values arrive trimmed;
  // - it writes xsi:nil="true" for null but never declares xsi (it copies only the WSDL's
  //   non-W3C namespace declarations onto the envelope): add the declaration, or every null
  //   makes the response malformed XML.
  listener.wsdl.options.preserveWhitespace = true;
  listener.wsdl.xmlnsInEnvelope += ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
}

function exitWhenStdinCloses() {
  process.stdin.on('data', () => {});
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('close', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
  process.stdin.resume();
}

async function main() {
  const port = Number(process.argv[2] || 0);
  exitWhenStdinCloses();
  const server = http.createServer((req, res) => {
    res.statusCode = 404;
    res.end('not found: use /soap11 or /soap12\n');
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = server.address().port;
  const wsdl = fs
    .readFileSync(path.join(__dirname, '..', '..', 'samples', 'interop_node', 'interop_node.wsdl'), 'utf8')
    .split('http://127.0.0.1:8080/')
    .join(`http://127.0.0.1:${actual}/`);
  await listen(server, wsdl, '1.1');
  await listen(server, wsdl, '1.2');
  // Both versions on one path too, told apart by Content-Type as ASP.NET does (the help page
  // in samples/interop_page describes the service so). Runs before node-soap's listeners.
  server.prependListener('request', (req) => {
    const [pathname, query] = req.url.split('?');
    if (pathname === ASMX_PATH) {
      const soap12 = (req.headers['content-type'] || '').startsWith('application/soap+xml');
      req.url = (soap12 ? '/soap12' : '/soap11') + (query === undefined ? '' : `?${query}`);
    }
  });
  process.stdout.write(`READY ${actual}\n`);
}

main().catch((err) => {
  process.stderr.write(`node_server: ${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
