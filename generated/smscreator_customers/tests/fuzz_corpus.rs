//! Replays this client's share of the `seed_responses` fuzz corpus through the fuzz
//! target's own driver, so every input the fuzzer kept stays an ordinary test.

#[path = "../../../fuzz/drivers/seed_responses.rs"]
mod driver;

#[test]
fn seed_responses_corpus() {
    assert_eq!(driver::SEEDS[2], "smscreator_customers");
    driver::replay(2, |r| {
        smscreator_customers::CustomersClient::parse_update_customer_account_order(r)
            .map(|v| format!("{v:?}"))
    });
}
