//! Starting and stopping the peer servers.

use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use soapgen_runtime::SoapVersion;

use crate::{ASMX_PATH, interop_dir};

/// How long a server may take to print `READY <port>`.
const START_TIMEOUT: Duration = Duration::from_secs(30);
/// How much of a server's stderr is kept for error messages.
const STDERR_KEEP: usize = 16 * 1024;

/// Where setup.sh installs the peers: `$SOAPGEN_PEERS_DIR`, else `interop/.peers`.
pub fn peers_dir() -> PathBuf {
    match std::env::var_os("SOAPGEN_PEERS_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => interop_dir().join(".peers"),
    }
}

pub(crate) fn script(name: &str) -> PathBuf {
    interop_dir().join("peers").join(name)
}

pub(crate) fn venv_python() -> PathBuf {
    peers_dir().join("venv").join("bin").join("python")
}

/// Runs `peers/setup.sh` once per process; later calls return the first outcome.
///
/// # Panics
/// If setup fails (no python3 / node / npm, or a registry unreachable), with its output.
pub fn setup() {
    static DONE: OnceLock<Result<(), String>> = OnceLock::new();
    let outcome = DONE.get_or_init(|| {
        let output = Command::new("bash")
            .arg(script("setup.sh"))
            .stdin(Stdio::null())
            .output()
            .map_err(|e| format!("cannot run bash peers/setup.sh: {e}"))?;
        if output.status.success() {
            Ok(())
        } else {
            Err(format!(
                "peers/setup.sh failed ({}):\n{}{}",
                output.status,
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ))
        }
    });
    if let Err(message) = outcome {
        panic!("{message}");
    }
}

/// Which SOAP stack a [`Peer`] runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PeerKind {
    /// Python spyne 2.14 on wsgiref (HTTP/1.0, Content-Length, `tns:` prefixes, strict
    /// schema validation of requests, one WSDL per SOAP version).
    Spyne,
    /// node-soap 1.13 (HTTP/1.1 keep-alive, chunked, default-namespace payloads, lenient,
    /// one WSDL with a port per SOAP version).
    Node,
    /// JAX-WS RI 2.3 ("Metro") on the JDK's HTTP server (one WSDL per SOAP version, its
    /// schema imported by absolute URL `?xsd=1`, `wsam:Action`s, unqualified locals).
    Metro,
    /// Apache Axis 1.4's SimpleAxisServer (rpc/encoded, multi-references, arrays as
    /// soapenc:Array with members named after the array, HTTP/1.0).
    Axis,
}

impl PeerKind {
    /// `spyne` or `node`.
    pub fn name(self) -> &'static str {
        match self {
            PeerKind::Spyne => "spyne",
            PeerKind::Node => "node",
            PeerKind::Metro => "metro",
            PeerKind::Axis => "axis",
        }
    }
}

/// The spyne server of this test process, started on first use and shared by every test
/// (it exits with the process: see [`Peer`]).
///
/// # Panics
/// As [`Peer::spyne`].
pub fn spyne() -> &'static Peer {
    static PEER: OnceLock<Peer> = OnceLock::new();
    PEER.get_or_init(Peer::spyne)
}

/// The node-soap server of this test process; see [`spyne`].
///
/// # Panics
/// As [`Peer::node`].
pub fn node() -> &'static Peer {
    static PEER: OnceLock<Peer> = OnceLock::new();
    PEER.get_or_init(Peer::node)
}

/// The JAX-WS RI (Metro) server of this test process; see [`spyne`].
///
/// # Panics
/// As [`Peer::spyne`].
pub fn metro() -> &'static Peer {
    static PEER: OnceLock<Peer> = OnceLock::new();
    PEER.get_or_init(|| Peer::start(PeerKind::Metro).unwrap_or_else(|e| panic!("{e}")))
}

/// The Apache Axis 1 server of this test process; see [`spyne`].
///
/// # Panics
/// As [`Peer::spyne`].
pub fn axis() -> &'static Peer {
    static PEER: OnceLock<Peer> = OnceLock::new();
    PEER.get_or_init(|| Peer::start(PeerKind::Axis).unwrap_or_else(|e| panic!("{e}")))
}

/// A running SOAP server on 127.0.0.1, stopped on drop, and when the process that started
/// it ends (it exits when its stdin closes).
pub struct Peer {
    kind: PeerKind,
    port: u16,
    child: Child,
    stdin: Option<ChildStdin>,
    stderr: Arc<Mutex<String>>,
}

impl Peer {
    /// Starts the spyne server.
    ///
    /// # Panics
    /// If setup fails or the server does not start (the message includes its stderr).
    pub fn spyne() -> Peer {
        Self::start(PeerKind::Spyne).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Starts the node-soap server.
    ///
    /// # Panics
    /// As [`Peer::spyne`].
    pub fn node() -> Peer {
        Self::start(PeerKind::Node).unwrap_or_else(|e| panic!("{e}"))
    }

    /// Starts a server of `kind` and waits until it listens.
    pub fn start(kind: PeerKind) -> Result<Peer, String> {
        setup();
        let mut command = match kind {
            PeerKind::Spyne => {
                let mut c = Command::new(venv_python());
                c.arg(script("spyne_server.py"));
                c
            }
            PeerKind::Node => {
                let mut c = Command::new("node");
                c.arg(script("node_server.js")).env("SOAPGEN_PEERS_DIR", peers_dir());
                c
            }
            PeerKind::Metro | PeerKind::Axis => {
                let dir = peers_dir().join(kind.name());
                let classpath = dir.join("classpath");
                let classpath = std::fs::read_to_string(&classpath)
                    .map_err(|e| format!("cannot read {}: {e}", classpath.display()))?;
                let mut c = Command::new("java");
                // Metro's monitoring needs jars Debian does not package with the runtime.
                c.arg("-Dcom.sun.xml.ws.monitoring.endpoint=false")
                    .arg("-cp")
                    .arg(classpath)
                    .arg(format!("soapgen.{}.Main", kind.name()))
                    .current_dir(dir);
                c
            }
        };
        command
            .arg("0")
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .env("PYTHONUNBUFFERED", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child =
            command.spawn().map_err(|e| format!("cannot start the {} peer: {e}", kind.name()))?;
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("piped stdout");
        let stderr_pipe = child.stderr.take().expect("piped stderr");

        // Drain stderr for the server's whole life (a full pipe would block it), keeping the
        // tail for error messages.
        let stderr = Arc::new(Mutex::new(String::new()));
        {
            let stderr = Arc::clone(&stderr);
            thread::spawn(move || drain(stderr_pipe, &stderr));
        }
        // Read stdout until READY, then keep draining it.
        let (ready_tx, ready_rx) = mpsc::channel();
        thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            let mut seen = Vec::new();
            for line in lines.by_ref() {
                let Ok(line) = line else { break };
                if let Some(port) = line.strip_prefix("READY ").and_then(|p| p.trim().parse().ok())
                {
                    let _ = ready_tx.send(Ok(port));
                    for _ in lines {}
                    return;
                }
                seen.push(line);
            }
            let _ = ready_tx.send(Err(seen.join("\n")));
        });

        let mut peer = Peer { kind, port: 0, child, stdin, stderr };
        let started = Instant::now();
        let outcome = ready_rx.recv_timeout(START_TIMEOUT);
        match outcome {
            Ok(Ok(port)) => {
                peer.port = port;
                Ok(peer)
            }
            Ok(Err(stdout)) => {
                // stdout closed: the server exited. Give stderr a moment to be drained.
                let status = peer.child.wait().ok();
                thread::sleep(Duration::from_millis(50));
                Err(format!(
                    "the {} peer exited before it was ready ({}).\nstdout:\n{stdout}\nstderr:\n{}",
                    kind.name(),
                    status.map_or_else(|| "unknown status".to_owned(), |s| s.to_string()),
                    peer.stderr()
                ))
            }
            Err(_) => Err(format!(
                "the {} peer did not print READY within {:?}.\nstderr:\n{}",
                kind.name(),
                started.elapsed(),
                peer.stderr()
            )),
        }
    }

    /// The stack this server runs.
    pub fn kind(&self) -> PeerKind {
        self.kind
    }

    /// The port it listens on (127.0.0.1).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// `http://127.0.0.1:PORT` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// The endpoint of a SOAP version: `/soap11` or `/soap12`.
    pub fn endpoint(&self, version: SoapVersion) -> String {
        self.url(path(version))
    }

    /// Where the server takes both SOAP versions, as an ASP.NET service would.
    pub fn asmx_endpoint(&self) -> String {
        self.url(ASMX_PATH)
    }

    /// The WSDL URL for `version`: spyne publishes one document per version (`/soap11?wsdl`,
    /// `/soap12?wsdl`); node-soap publishes one document with a port for each, served at
    /// both paths.
    pub fn wsdl_url(&self, version: SoapVersion) -> String {
        format!("{}?wsdl", self.endpoint(version))
    }

    /// Closes the server's stdin and waits up to `timeout` for it to exit by itself, as it
    /// does when the test process that started it dies. Returns whether it did (it is killed
    /// otherwise).
    pub fn close_stdin_and_wait(mut self, timeout: Duration) -> bool {
        drop(self.stdin.take());
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return true;
            }
            thread::sleep(Duration::from_millis(10));
        }
        false
    }

    /// What the server has written to stderr so far (the last 16 KiB).
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

impl Drop for Peer {
    fn drop(&mut self) {
        // Closing stdin alone would stop it too; killing does not wait for it to notice.
        drop(self.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl std::fmt::Debug for Peer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Peer").field("kind", &self.kind).field("port", &self.port).finish()
    }
}

/// `/soap11` or `/soap12`.
pub fn path(version: SoapVersion) -> &'static str {
    match version {
        SoapVersion::Soap11 => "/soap11",
        SoapVersion::Soap12 => "/soap12",
    }
}

fn drain(mut pipe: impl Read, keep: &Mutex<String>) {
    let mut buf = [0u8; 4096];
    while let Ok(n) = pipe.read(&mut buf) {
        if n == 0 {
            break;
        }
        let mut kept = keep.lock().unwrap_or_else(PoisonError::into_inner);
        kept.push_str(&String::from_utf8_lossy(&buf[..n]));
        if kept.len() > 2 * STDERR_KEEP {
            let mut cut = kept.len() - STDERR_KEEP;
            while !kept.is_char_boundary(cut) {
                cut += 1;
            }
            kept.drain(..cut);
        }
    }
}
