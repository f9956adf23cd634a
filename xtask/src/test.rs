//! `cargo xtask test`: the whole suite, as CI runs it.
//!
//! Two kinds of tests need something outside the repository, and this decides up front
//! whether each can run:
//! - **corpus**: tests marked `#[ignore = "needs the shared corpus (SOAPGEN_CORPUS); …"]`
//!   read third-party documents where they lie (see `testkit::corpus`). They run
//!   (`-- --include-ignored`) when the corpus is found.
//! - **peers**: the interop test binary (feature `interop/peers`) starts spyne, zeep,
//!   node-soap and Debian-packaged servers that `interop/peers/setup.sh` installs. It runs
//!   when python3 with venv, node and npm are there, and either we are root with apt-get or
//!   every package of `interop/peers/system-packages.txt` is installed.
//!
//! Whatever can run runs in one `cargo test --workspace` (one build, one link of each test
//! binary). Each category that cannot run gets one line saying why and how to enable it;
//! with `CI=true` or `SOAPGEN_REQUIRE_ALL=1`, a missing category fails the run instead.

use std::path::Path;
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use crate::{Mode, codegen, project_root};

fn cargo() -> Command {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(project_root());
    cmd
}

/// A category of tests that needs something outside the repository.
struct Category {
    name: &'static str,
    /// `Err(why it cannot run, and how to enable it)`.
    available: Result<(), String>,
}

/// True when every category must run: on CI, or when asked.
fn require_all() -> bool {
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    ci || std::env::var("SOAPGEN_REQUIRE_ALL").is_ok_and(|v| v == "1")
}

fn succeeds(program: &str, args: &[&str]) -> bool {
    Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Whether `interop/peers/setup.sh` can install the peers here.
fn peers_available(root: &Path) -> Result<(), String> {
    let how = "install python3 with venv, node and npm, and run as root (or install the \
               Debian packages listed in interop/peers/system-packages.txt)";
    // `venv` alone is not enough on Debian: creating one needs `ensurepip` (python3-venv).
    if !succeeds("python3", &["-c", "import venv, ensurepip"]) {
        return Err(format!("python3 with its venv module (ensurepip) not found; {how}"));
    }
    for tool in ["node", "npm"] {
        if !succeeds(tool, &["--version"]) {
            return Err(format!("{tool} not found; {how}"));
        }
    }
    let root_with_apt = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        && succeeds("apt-get", &["--version"]);
    if root_with_apt {
        return Ok(());
    }
    let list = root.join("interop/peers/system-packages.txt");
    let text = std::fs::read_to_string(&list).map_err(|e| format!("{}: {e}", list.display()))?;
    let missing: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|p| !p.starts_with('#'))
        .filter(|p| {
            let status = Command::new("dpkg-query")
                .args(["-W", "-f=${Status}", p])
                .stderr(Stdio::null())
                .output();
            !status.is_ok_and(|o| o.stdout.ends_with(b"install ok installed"))
        })
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "not root, and Debian packages missing: {} (as root: apt-get install {0})",
            missing.join(" ")
        ))
    }
}

fn step(what: &str, mut cmd: Command) -> bool {
    let started = Instant::now();
    eprintln!("==> {what}");
    match cmd.status() {
        Ok(status) if status.success() => {
            eprintln!("==> {what}: ok ({:.0} s)", started.elapsed().as_secs_f64());
            true
        }
        Ok(status) => {
            eprintln!("==> {what}: failed ({status})");
            false
        }
        Err(e) => {
            eprintln!("==> {what}: cannot run: {e}");
            false
        }
    }
}

pub fn run() -> ExitCode {
    let started = Instant::now();
    let root = project_root();
    let corpus = testkit::corpus::find(&root);
    let categories = [
        Category {
            name: "corpus tests",
            available: corpus.as_ref().map(|_| ()).map_err(Clone::clone),
        },
        Category { name: "interop tests (peers)", available: peers_available(&root) },
    ];
    let required = require_all();
    let skipped: Vec<String> = categories
        .iter()
        .filter_map(|c| {
            let verb = if required { "cannot run" } else { "skipped" };
            c.available.as_ref().err().map(|why| format!("{} {verb}: {why}", c.name))
        })
        .collect();
    for c in &categories {
        if c.available.is_ok() {
            eprintln!("==> {}: will run", c.name);
        }
    }
    for line in &skipped {
        eprintln!("==> {line}");
    }
    if required && !skipped.is_empty() {
        eprintln!("==> failed: CI=true or SOAPGEN_REQUIRE_ALL=1 requires every test to run");
        return ExitCode::FAILURE;
    }
    let with_peers = categories[1].available.is_ok();

    eprintln!("==> generated/ is up to date");
    match codegen(&root, Mode::Check) {
        Ok(report) if report.paths.is_empty() => {
            eprintln!("==> generated/ is up to date: ok ({})", report.summary(Mode::Check))
        }
        Ok(report) => {
            for path in &report.paths {
                eprintln!("not up to date: {path}");
            }
            eprintln!("==> generated/ is up to date: failed; run `cargo xtask codegen`");
            return ExitCode::FAILURE;
        }
        Err(e) => {
            eprintln!("==> generated/ is up to date: cannot check: {e}");
            return ExitCode::FAILURE;
        }
    }

    let mut fmt = cargo();
    fmt.args(["fmt", "--all", "--", "--check"]);
    // The interop test code is compiled (not run) whether or not the peers are here.
    let mut clippy = cargo();
    clippy.args(["clippy", "--workspace", "--all-targets", "--features", "interop/peers"]);
    clippy.args(["--quiet", "--", "-D", "warnings"]);
    let mut test = cargo();
    // Snapshots are reviewed by people, never written by the suite.
    test.env("INSTA_UPDATE", "no");
    test.args(["test", "--workspace"]);
    if with_peers {
        test.args(["--features", "interop/peers"]);
    }
    match &corpus {
        Ok(dir) => {
            // The tests find the very corpus this found, whatever their working directory.
            test.env(testkit::corpus::ENV, dir);
            test.args(["--", "--include-ignored"]);
        }
        Err(_) => {
            test.env_remove(testkit::corpus::ENV);
        }
    }
    for (what, cmd) in [("rustfmt", fmt), ("clippy -D warnings", clippy), ("tests", test)] {
        if !step(what, cmd) {
            for line in &skipped {
                eprintln!("==> {line}");
            }
            return ExitCode::FAILURE;
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    if skipped.is_empty() {
        eprintln!("==> all checks passed, every test run ({elapsed:.0} s)");
    } else {
        eprintln!("==> all checks passed ({elapsed:.0} s), but not everything ran:");
        for line in &skipped {
            eprintln!("==> {line}");
        }
    }
    ExitCode::SUCCESS
}
