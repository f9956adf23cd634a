//! xsdata, the Python data-binding generator, run on a WSDL soapgen wrote.

use std::process::{Command, Stdio};

use crate::peer::{setup, venv_python};

/// Runs `xsdata generate WSDL --package PACKAGE` in `dir` (xsdata writes the package there,
/// formatted by the venv's ruff): an error with xsdata's output when it cannot.
pub fn xsdata_generate(
    wsdl_path: &std::path::Path,
    dir: &std::path::Path,
    package: &str,
) -> Result<(), String> {
    setup();
    let bin = venv_python().parent().expect("the venv's bin").to_path_buf();
    let path = std::env::join_paths(
        std::iter::once(bin.clone())
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .map_err(|e| e.to_string())?;
    let output = Command::new(bin.join("xsdata"))
        .args(["generate"])
        .arg(wsdl_path)
        .args(["--package", package])
        .current_dir(dir)
        .env("PATH", path)
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run xsdata: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "xsdata failed ({}): {}{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}
