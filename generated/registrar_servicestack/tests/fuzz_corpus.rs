//! Replays this client's share of the `seed_responses` fuzz corpus through the fuzz
//! target's own driver, so every input the fuzzer kept stays an ordinary test.

#[path = "../../../fuzz/drivers/seed_responses.rs"]
mod driver;

#[test]
fn seed_responses_corpus() {
    assert_eq!(driver::SEEDS[1], "registrar_servicestack");
    driver::replay(1, |r| {
        registrar_servicestack::RegistrarWebServicesClient::parse_reset_customer_password(r)
            .map(|v| format!("{v:?}"))
    });
}
