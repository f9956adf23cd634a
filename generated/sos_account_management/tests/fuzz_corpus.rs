//! Replays this client's share of the `seed_responses` fuzz corpus through the fuzz
//! target's own driver, so every input the fuzzer kept stays an ordinary test.

#[path = "../../../fuzz/drivers/seed_responses.rs"]
mod driver;

#[test]
fn seed_responses_corpus() {
    assert_eq!(driver::SEEDS[3], "sos_account_management");
    driver::replay(3, |r| {
        sos_account_management::AccountManagementServiceClient::parse_change_backup_account_password(r).map(|v| format!("{v:?}"))
    });
}
