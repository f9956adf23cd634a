//! The checked-in generated crates are exactly what `cargo xtask codegen` writes today.

#[test]
fn generated_is_fresh() {
    let stale = xtask::codegen(&xtask::project_root(), xtask::Mode::Check).unwrap();
    assert!(stale.is_empty(), "not up to date (run `cargo xtask codegen`): {stale:#?}");
}
