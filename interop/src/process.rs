//! Helper processes of the connectivity tests (Apache httpd, the Python servers of
//! `peers/auth_peer.py`): started on 127.0.0.1, stopped on drop, and gone with the test
//! process too, since each exits when its stdin closes.

use std::io::{BufRead, BufReader, Read};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use crate::peer::{script, venv_python};

/// How long a helper may take to start.
const START_TIMEOUT: Duration = Duration::from_secs(30);

/// A running helper process.
pub struct Process {
    name: String,
    port: u16,
    child: Child,
    stdin: Option<ChildStdin>,
    output: Arc<Mutex<String>>,
}

impl Process {
    /// Runs `python peers/auth_peer.py ARGS…` (with `env`) and waits for its `READY <port>`.
    ///
    /// # Panics
    /// If it does not start, with what it printed.
    pub fn auth_peer(args: &[&str], env: &[(&str, &str)]) -> Process {
        crate::setup();
        let mut command = Command::new(venv_python());
        command.arg(script("auth_peer.py")).args(args).env("PYTHONDONTWRITEBYTECODE", "1");
        for (name, value) in env {
            command.env(name, value);
        }
        Self::start_ready(&format!("auth_peer.py {}", args.join(" ")), command)
    }

    /// Runs `program args…` as a server that knows nothing of stdin (Apache httpd): a shell
    /// watches stdin and kills it when stdin closes. Waits until `port` accepts connections.
    ///
    /// # Panics
    /// If it does not listen within the start timeout.
    pub fn server(name: &str, program: &str, args: &[&str], port: u16) -> Process {
        let mut command = Command::new("sh");
        command.arg("-c").arg(r#""$@" & pid=$!; cat >/dev/null; kill $pid; wait $pid"#).arg("sh");
        command.arg(program).args(args);
        let mut process = Self::spawn(name, command);
        // Nothing reads a server's stdout: keep the pipe from filling up.
        if let Some(stdout) = process.child.stdout.take() {
            let kept = Arc::clone(&process.output);
            thread::spawn(move || drain(stdout, &kept));
        }
        process.port = port;
        let deadline = Instant::now() + START_TIMEOUT;
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline || matches!(process.child.try_wait(), Ok(Some(_))) {
                thread::sleep(Duration::from_millis(100));
                panic!("{name} did not start listening on {port}:\n{}", process.output());
            }
            thread::sleep(Duration::from_millis(20));
        }
        process
    }

    fn spawn(name: &str, mut command: Command) -> Process {
        command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = command.spawn().unwrap_or_else(|e| panic!("cannot start {name}: {e}"));
        let stdin = child.stdin.take();
        let output = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().expect("piped stderr");
        let kept = Arc::clone(&output);
        thread::spawn(move || drain(stderr, &kept));
        Process { name: name.to_owned(), port: 0, child, stdin, output }
    }

    fn start_ready(name: &str, command: Command) -> Process {
        let mut process = Self::spawn(name, command);
        let stdout = process.child.stdout.take().expect("piped stdout");
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            for line in lines.by_ref() {
                let Ok(line) = line else { break };
                if let Some(port) = line.strip_prefix("READY ").and_then(|p| p.trim().parse().ok())
                {
                    let _ = tx.send(port);
                    for _ in lines {}
                    return;
                }
            }
        });
        match rx.recv_timeout(START_TIMEOUT) {
            Ok(port) => {
                process.port = port;
                process
            }
            Err(_) => {
                thread::sleep(Duration::from_millis(100));
                panic!("{name} did not print READY:\n{}", process.output())
            }
        }
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// `http://127.0.0.1:PORT` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// What it wrote to stderr so far.
    pub fn output(&self) -> String {
        self.output.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        // The helper (or the watching shell) ends when its stdin closes.
        drop(self.stdin.take());
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl std::fmt::Debug for Process {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Process").field("name", &self.name).field("port", &self.port).finish()
    }
}

/// A port on 127.0.0.1 that was free a moment ago (for servers that cannot be told to pick
/// one themselves).
pub fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    listener.local_addr().expect("a local address").port()
}

fn drain(mut pipe: impl Read, keep: &Mutex<String>) {
    let mut buf = [0u8; 4096];
    while let Ok(n) = pipe.read(&mut buf) {
        if n == 0 {
            break;
        }
        let mut kept = keep.lock().unwrap_or_else(PoisonError::into_inner);
        if kept.len() < 64 * 1024 {
            kept.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    }
}
