//! `cargo xtask codegen [--check]` and `cargo xtask test`.

use std::process::ExitCode;

use xtask::{Mode, codegen, project_root};

const USAGE: &str = "usage: cargo xtask codegen [--check] | cargo xtask test";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mode = match args.as_slice() {
        ["codegen"] => Mode::Write,
        ["codegen", "--check"] => Mode::Check,
        ["test"] => return xtask::test::run(),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match codegen(&project_root(), mode) {
        Ok(changed) if mode == Mode::Check && !changed.is_empty() => {
            for path in &changed {
                eprintln!("not up to date: {path}");
            }
            eprintln!("run `cargo xtask codegen` and commit the result");
            ExitCode::FAILURE
        }
        Ok(changed) => {
            for path in &changed {
                println!("wrote {path}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
