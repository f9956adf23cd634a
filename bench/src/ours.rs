//! The generated client's entry points the benchmarks time: `parse_echo_records` and
//! `build_echo_records`, exactly as a call runs them.

use soapgen_runtime::{Error, HttpRequest, HttpResponse};

use crate::client::{EchoRecords, Record, RecordServiceClient};

/// A 200 response carrying `body`, as a transport hands it to the generated parser.
pub fn response(body: Vec<u8>) -> HttpResponse {
    HttpResponse::new(200, Some("text/xml; charset=utf-8".into()), body)
}

/// Reads the `EchoRecords` response with the generated code.
pub fn parse(response: &HttpResponse) -> Result<Vec<Record>, Error> {
    RecordServiceClient::parse_echo_records(response).map(|r| r.echo_records_result)
}

/// Writes the `EchoRecords` request (envelope and HTTP request) with the generated code.
pub fn write(
    client: &RecordServiceClient<()>,
    request: &EchoRecords,
) -> Result<HttpRequest, Error> {
    client.build_echo_records(request)
}

/// A client that only builds and parses messages (no transport).
pub fn offline_client() -> RecordServiceClient<()> {
    RecordServiceClient::with_transport(())
}
