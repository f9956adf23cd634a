//! Replays this client's share of the `seed_responses` fuzz corpus through the fuzz
//! target's own driver, so every input the fuzzer kept stays an ordinary test.

#[path = "../../../fuzz/drivers/seed_responses.rs"]
mod driver;

#[test]
fn seed_responses_corpus() {
    assert_eq!(driver::SEEDS[4], "zoolz_reseller");
    driver::replay(4, |r| {
        zoolz_reseller::ResellerServiceClient::parse_reset_password(r).map(|v| format!("{v:?}"))
    });
}
