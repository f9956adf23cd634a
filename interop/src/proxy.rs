//! tinyproxy (the Debian package peers/setup.sh installs), started on 127.0.0.1 with a
//! generated configuration, with or without Basic proxy authentication.

use std::path::PathBuf;
use std::process::Command;

use crate::spawn::{Process, free_port};

/// A running tinyproxy, stopped on drop.
#[derive(Debug)]
pub struct Tinyproxy {
    process: Process,
    _dir: TempDir,
}

impl Tinyproxy {
    /// Starts tinyproxy; with `credentials`, it requires them (`BasicAuth`). It forwards
    /// plain HTTP and tunnels `CONNECT` to any port; it logs every connection and request.
    ///
    /// # Panics
    /// If it cannot be started (the message has its output).
    pub fn start(credentials: Option<(&str, &str)>) -> Tinyproxy {
        crate::setup();
        let mut last_error = String::new();
        // The port is picked before tinyproxy binds it: another process may take it first.
        for _ in 0..3 {
            let dir = TempDir::new("tinyproxy");
            let port = free_port();
            let mut conf = format!(
                "Port {port}\nListen 127.0.0.1\nTimeout 30\nLogLevel Connect\nMaxClients 50\n\
                 Allow 127.0.0.1\nPidFile \"{}\"\n",
                dir.0.join("tinyproxy.pid").display()
            );
            if let Some((user, password)) = credentials {
                conf.push_str(&format!("BasicAuth {user} {password}\n"));
            }
            let conf_path = dir.0.join("tinyproxy.conf");
            std::fs::write(&conf_path, conf).expect("write tinyproxy.conf");
            let mut command = Command::new("tinyproxy");
            command.arg("-d").arg("-c").arg(&conf_path);
            match Process::start_listening("tinyproxy", command, port) {
                Ok(process) => return Tinyproxy { process, _dir: dir },
                Err(e) => last_error = e,
            }
        }
        panic!("{last_error}");
    }

    /// `http://127.0.0.1:PORT`, without credentials.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.process.port())
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.process.port()
    }

    /// `127.0.0.1:PORT`.
    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.process.port())
    }

    /// tinyproxy's log so far: a `Connect` line per client connection and a `Request` line
    /// per request it forwarded (`POST http://host:port/path`) or tunnel it opened
    /// (`CONNECT host:port`).
    pub fn log(&self) -> String {
        self.process.output()
    }

    /// The `Request` lines of the log that name `target` (`host:port`), once the log has
    /// settled: tinyproxy may log a request after the reply has reached the client.
    pub fn requests_to(&self, target: &str) -> Vec<String> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(2);
        let mut log = self.log();
        loop {
            std::thread::sleep(std::time::Duration::from_millis(100));
            let now = self.log();
            if now == log || std::time::Instant::now() > deadline {
                break;
            }
            log = now;
        }
        log.lines()
            .filter(|line| line.contains("Request (file descriptor") && line.contains(target))
            .map(str::to_owned)
            .collect()
    }
}

/// A directory under the system's temp dir, removed on drop.
#[derive(Debug)]
pub(crate) struct TempDir(pub PathBuf);

impl TempDir {
    pub(crate) fn new(prefix: &str) -> TempDir {
        use std::sync::atomic::{AtomicU32, Ordering};
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let dir = std::env::temp_dir().join(format!(
            "soapgen-{prefix}-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).expect("create a temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
