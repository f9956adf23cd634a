//! The interoperability matrix: soapgen's generated clients against SOAP stacks nobody here
//! wrote (spyne and node-soap servers, the zeep client), on 127.0.0.1.
//!
//! One test binary, so each server starts once (see `interop::spyne` / `interop::node`) and
//! the tests share it; every test only reads from the servers, so they run in parallel.

mod axis;
mod clients;
mod connectivity;
mod described;
mod documented;
mod envelopes;
mod forms;
mod metro;
mod peers;
mod quirks;
mod served;
mod values;
