//! A helper server process of the connectivity tests (tinyproxy, the TLS front of spyne):
//! started on 127.0.0.1, its output kept for assertions and error messages, killed on drop.

use std::io::{BufRead, BufReader, Read};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

/// How long a server may take to be ready.
const START_TIMEOUT: Duration = Duration::from_secs(30);

/// A running server process.
pub struct Process {
    name: &'static str,
    port: u16,
    child: Child,
    /// Kept open: the Python servers exit when it closes.
    _stdin: Option<ChildStdin>,
    output: Arc<Mutex<String>>,
}

impl Process {
    /// Starts `command` and waits until it prints `READY <port>` on stdout.
    pub fn start_ready(name: &'static str, mut command: Command) -> Result<Process, String> {
        let (mut process, stdout) = Self::spawn(name, &mut command, 0)?;
        let (tx, rx) = mpsc::channel();
        let output = Arc::clone(&process.output);
        thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            for line in lines.by_ref() {
                let Ok(line) = line else { break };
                if let Some(port) = line.strip_prefix("READY ").and_then(|p| p.trim().parse().ok())
                {
                    let _ = tx.send(port);
                }
                append(&output, &line);
            }
        });
        match rx.recv_timeout(START_TIMEOUT) {
            Ok(port) => {
                process.port = port;
                Ok(process)
            }
            Err(_) => Err(format!("{name} did not start:\n{}", process.output())),
        }
    }

    /// Starts `command`, which listens on `port`, and waits until it accepts connections.
    pub fn start_listening(
        name: &'static str,
        mut command: Command,
        port: u16,
    ) -> Result<Process, String> {
        let (process, stdout) = Self::spawn(name, &mut command, port)?;
        let output = Arc::clone(&process.output);
        thread::spawn(move || drain(stdout, &output));
        let started = Instant::now();
        let mut process = process;
        while started.elapsed() < START_TIMEOUT {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Ok(process);
            }
            if let Ok(Some(status)) = process.child.try_wait() {
                return Err(format!("{name} exited ({status}):\n{}", process.output()));
            }
            thread::sleep(Duration::from_millis(20));
        }
        Err(format!("{name} did not listen on {port}:\n{}", process.output()))
    }

    fn spawn(
        name: &'static str,
        command: &mut Command,
        port: u16,
    ) -> Result<(Process, std::process::ChildStdout), String> {
        command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = command.spawn().map_err(|e| format!("cannot start {name}: {e}"))?;
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("piped stdout");
        let stderr = child.stderr.take().expect("piped stderr");
        let output = Arc::new(Mutex::new(String::new()));
        {
            let output = Arc::clone(&output);
            thread::spawn(move || drain(stderr, &output));
        }
        Ok((Process { name, port, child, _stdin: stdin, output }, stdout))
    }

    /// The port it listens on, on 127.0.0.1.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Everything it printed so far (stdout and stderr, interleaved by line or chunk).
    pub fn output(&self) -> String {
        self.output.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl std::fmt::Debug for Process {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Process").field("name", &self.name).field("port", &self.port).finish()
    }
}

/// A port that was free on 127.0.0.1 a moment ago, for servers that cannot pick their own.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port()
}

fn append(output: &Mutex<String>, text: &str) {
    let mut kept = output.lock().unwrap_or_else(PoisonError::into_inner);
    kept.push_str(text);
    if !text.ends_with('\n') {
        kept.push('\n');
    }
}

fn drain(mut pipe: impl Read, output: &Mutex<String>) {
    let mut buf = [0u8; 4096];
    while let Ok(n) = pipe.read(&mut buf) {
        if n == 0 {
            break;
        }
        output
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push_str(&String::from_utf8_lossy(&buf[..n]));
    }
}
