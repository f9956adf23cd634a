//! Every generated seed client's response parser over arbitrary bodies: `data[0]` picks the
//! client and the status, the rest is the body. The parsers are associated functions, so
//! any transport type (here `()`) will do.
#![no_main]

#[path = "../drivers/seed_responses.rs"]
mod driver;

use driver::Parse;

const PARSERS: [Parse; 5] = [
    |r| cangooroo_backoffice::ClientBackOfficeCClient::<()>::parse_update_user_password(r)
        .map(|v| format!("{v:?}")),
    |r| registrar_servicestack::RegistrarWebServicesClient::<()>::parse_reset_customer_password(r)
        .map(|v| format!("{v:?}")),
    |r| smscreator_customers::CustomersClient::<()>::parse_update_customer_account_order(r)
        .map(|v| format!("{v:?}")),
    |r| sos_account_management::AccountManagementServiceClient::<()>::parse_change_backup_account_password(r)
        .map(|v| format!("{v:?}")),
    |r| zoolz_reseller::ResellerServiceClient::<()>::parse_reset_password(r)
        .map(|v| format!("{v:?}")),
];

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Some(&selector) = data.first() {
        driver::check(data, PARSERS[usize::from(selector) % PARSERS.len()]);
    }
});
