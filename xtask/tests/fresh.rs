//! The checked-in generated crates are exactly what `cargo xtask codegen` writes today.

#[test]
fn generated_is_fresh() {
    let report = xtask::codegen(&xtask::project_root(), xtask::Mode::Check).unwrap();
    assert!(report.paths.is_empty(), "not up to date (run `cargo xtask codegen`): {report:#?}");
    assert!(report.crates.len() >= 10, "every sample generates a crate: {report:#?}");
}
