//! `cargo xtask codegen [--check]`, `cargo xtask test` and `cargo xtask survey DIR…`.

use std::process::ExitCode;

use xtask::{Mode, codegen, project_root};

const USAGE: &str =
    "usage: cargo xtask codegen [--check] | cargo xtask test | cargo xtask survey DIR…";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mode = match args.as_slice() {
        ["codegen"] => Mode::Write,
        ["codegen", "--check"] => Mode::Check,
        ["test"] => return xtask::test::run(),
        ["survey", ..] => return xtask::survey::run(&std::env::args().skip(2).collect::<Vec<_>>()),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let started = std::time::Instant::now();
    match codegen(&project_root(), mode) {
        Ok(report) if mode == Mode::Check && !report.paths.is_empty() => {
            for path in &report.paths {
                eprintln!("not up to date: {path}");
            }
            eprintln!("{}", report.summary(mode));
            eprintln!("run `cargo xtask codegen` and commit the result");
            ExitCode::FAILURE
        }
        Ok(report) => {
            for path in &report.paths {
                println!("wrote {path}");
            }
            println!("{} ({:.1} s)", report.summary(mode), started.elapsed().as_secs_f64());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
