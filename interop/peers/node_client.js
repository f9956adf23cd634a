// Calls operations of a SOAP service with node-soap's client, for soapgen's interop tests.
//
//     node node_client.js WSDL_URL CALLS_JSON
//
// CALLS_JSON is a JSON array of [OPERATION, ARGS, HEADERS] triples (HEADERS may be null: an
// object of header element name -> value, added with addSoapHeader for that call only).
// Prints one JSON object per call on its own line: {result} or {fault: {code, message}}.
// Exit status 0 once every call has been answered, 1 otherwise.
//
// `soap` is loaded from ../.peers/node/node_modules, where setup.sh installs the pinned
// package-lock.json.

'use strict';

const path = require('path');
const { createRequire } = require('module');

const peersDir = process.env.SOAPGEN_PEERS_DIR || path.join(__dirname, '..', '.peers');
const soap = createRequire(path.join(peersDir, 'node', 'package.json'))('soap');

async function main() {
  const [wsdlUrl, callsJson] = process.argv.slice(2);
  const calls = JSON.parse(callsJson);
  // Values kept as sent (decimals, longs, dates as text), as the node server does.
  const client = await soap.createClientAsync(wsdlUrl, {
    customDeserializer: {
      decimal: (text) => text,
      long: (text) => text,
      dateTime: (text) => text,
    },
  });
  for (const [operation, args, headers] of calls) {
    client.clearSoapHeaders();
    for (const [name, value] of Object.entries(headers || {})) {
      client.addSoapHeader({ [name]: value }, '', 'tns', client.wsdl.definitions.$targetNamespace);
    }
    try {
      const [result] = await client[operation + 'Async'](args);
      process.stdout.write(JSON.stringify({ result }) + '\n');
    } catch (err) {
      const fault = err.root && err.root.Envelope && err.root.Envelope.Body && err.root.Envelope.Body.Fault;
      if (!fault) {
        throw err;
      }
      const code = fault.faultcode || (fault.Code && fault.Code.Value) || '';
      const message = fault.faultstring || (fault.Reason && fault.Reason.Text) || '';
      process.stdout.write(JSON.stringify({ fault: { code, message: String(message) } }) + '\n');
    }
  }
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack || err) + '\n');
  process.exit(1);
});
