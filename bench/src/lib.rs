//! The benchmarks' shared parts: the generated client, the deterministic data, and the
//! peers it is measured against. Used by `benches/xml.rs`, the smoke test and the binaries
//! `bench/compare` runs.

pub mod data;
pub mod ours;
pub mod peers;

/// The client soapgen generates (in `build.rs`) from `service/records.wsdl`.
#[allow(missing_docs)]
pub mod client {
    include!(concat!(env!("OUT_DIR"), "/records.rs"));
}
