//! `cargo xtask test`: the whole suite, as CI runs it, on a fresh machine.
//!
//! Each step is a command a developer could run alone; this only runs them in order and
//! stops at the first failure.

use std::process::{Command, ExitCode};

use crate::project_root;

fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(project_root());
    cmd
}

pub fn run() -> ExitCode {
    let steps: Vec<(&str, Command)> = vec![
        ("generated/ is up to date", {
            let mut c = cargo();
            c.args(["run", "--quiet", "--package", "xtask", "--", "codegen", "--check"]);
            c
        }),
        ("rustfmt", {
            let mut c = cargo();
            c.args(["fmt", "--all", "--", "--check"]);
            c
        }),
        ("clippy -D warnings", {
            let mut c = cargo();
            c.args(["clippy", "--workspace", "--all-targets", "--quiet", "--", "-D", "warnings"]);
            c
        }),
        ("tests", {
            let mut c = cargo();
            // Snapshots are reviewed by people, never written by the suite.
            c.env("INSTA_UPDATE", "no");
            c.args(["test", "--workspace"]);
            c
        }),
    ];
    for (what, mut cmd) in steps {
        eprintln!("==> {what}");
        match cmd.status() {
            Ok(status) if status.success() => {}
            Ok(status) => {
                eprintln!("==> {what}: failed ({status})");
                return ExitCode::FAILURE;
            }
            Err(e) => {
                eprintln!("==> {what}: cannot run: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    eprintln!("==> all checks passed");
    ExitCode::SUCCESS
}
