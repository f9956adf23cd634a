//! A downstream crate that generates its SOAP client at build time.

/// The client generated from `docs/account-management.txt`.
pub mod account {
    include!(concat!(env!("OUT_DIR"), "/account_management.rs"));
}
