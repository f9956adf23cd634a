//! The `soapgen` command line: a thin layer over the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

// Generation allocates and frees millions of small token and syntax-tree nodes; mimalloc
// does that faster than glibc's malloc and hands freed memory back sooner.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Generates typed Rust SOAP clients from WSDLs, ASMX help pages, ServiceStack metadata
/// pages and sample envelopes.
#[derive(Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate a Rust module (or a crate) from one or more documents of one service.
    #[command(after_help = "Examples:\n  \
        soapgen generate help-page.txt -o src/client.rs\n  \
        soapgen generate help-page.txt --overrides soapgen.toml -o src/client.rs\n  \
        soapgen generate service.wsdl --async --soap-version 1.2 -o src/client.rs\n  \
        soapgen generate service.wsdl --crate clients/service --name service-client\n  \
        soapgen generate economic.wsdl --operations 'Connect,Order_*' -o src/economic.rs\n  \
        soapgen generate connect.wsdl --map 'http://h/connect.svc?xsd=xsd0=schemas/xsd0.xsd' -o src/connect.rs")]
    Generate {
        /// Input documents, recognised by content.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[command(flatten)]
        input_options: InputOptions,
        /// Write one self-contained module here.
        #[arg(short, long, required_unless_present = "crate_dir", conflicts_with = "crate_dir")]
        output: Option<PathBuf>,
        /// Write a complete crate (Cargo.toml + src/lib.rs) into this directory.
        #[arg(long = "crate", value_name = "DIR")]
        crate_dir: Option<PathBuf>,
        /// Clients default to the async transport (tokio); the crate enables the
        /// runtime's `async` feature. Either way a client takes any transport.
        #[arg(long = "async")]
        async_transport: bool,
        /// Generate only this SOAP version's bindings (default: every version offered).
        #[arg(long, value_name = "VERSION", value_parser = parse_soap_version)]
        soap_version: Option<soapgen::ir::Protocol>,
        /// Generate only these operations (names as the documents spell them, or globs with
        /// `*` and `?`, comma-separated) and the types they reach.
        #[arg(long, value_name = "NAMES", value_delimiter = ',')]
        operations: Vec<String>,
        /// In the crate, a cargo feature per operation (all on by default): a user enables
        /// only the operations they call, and only the types those reach are compiled.
        #[arg(long, conflicts_with = "output")]
        operation_features: bool,
        /// Give every type both XML writing and reading (by default a type gets what the
        /// client uses: writing for what it sends, reading for what it receives); for tests
        /// that write responses or read requests, as a fake service does.
        #[arg(long)]
        both_directions: bool,
        /// Also the server side: per SOAP service a trait with a method per operation, its
        /// router (runtime feature `server`, enabled in the crate) and a mock for tests.
        #[arg(long)]
        server: bool,
        /// Which operations are called over HTTP GET/POST: `auto` (default: those offered
        /// over nothing else), `post` or `get` (every operation offering them, with that
        /// verb where both are offered; `<operation>_http_post` beside a SOAP method).
        #[arg(long, value_name = "VERB", value_parser = parse_http_methods)]
        http: Option<soapgen::HttpMethods>,
        /// Package name of the crate (default: the directory name).
        #[arg(long, requires = "crate_dir")]
        name: Option<String>,
        /// How the crate depends on soapgen-runtime (a TOML value).
        #[arg(long, default_value = "\"0.1\"", requires = "crate_dir")]
        runtime: String,
    },
    /// Download a WSDL and everything it imports and includes into DIR, with a URL map
    /// (soapgen-map.toml) that `generate` reads: the one command that uses the network.
    #[command(after_help = "Examples:\n  \
        soapgen fetch 'https://host/Service.svc?wsdl' -o wsdl/service\n  \
        soapgen generate wsdl/service/Service.wsdl -o src/service.rs\n  \
        SVC_PASSWORD=... soapgen fetch 'https://host/Service.svc?wsdl' -o wsdl/service \\\n      \
        --user me --password-env SVC_PASSWORD --max-files 50")]
    Fetch {
        /// The document's URL (http or https), e.g. 'https://host/Service.svc?wsdl'.
        url: String,
        /// The directory to save into (created if missing; what a previous fetch saved there is
        /// replaced, other files are left alone).
        #[arg(short, long, value_name = "DIR")]
        output: PathBuf,
        #[command(flatten)]
        connection: ConnectionArgs,
    },
    /// Print what soapgen reads from the documents: services, operations, types, and where
    /// each came from.
    Inspect {
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[command(flatten)]
        input_options: InputOptions,
    },
    /// Write a WSDL 1.1 document (with its XML Schema) describing what soapgen reads from
    /// the documents: a service known only from its help page can then be used by zeep,
    /// SoapUI, svcutil or any other SOAP tool.
    #[command(after_help = "Examples:\n  \
        soapgen wsdl help-page.txt -o service.wsdl\n  \
        soapgen wsdl page-soap11.txt page-soap12.txt --overrides soapgen.toml > service.wsdl")]
    Wsdl {
        /// Input documents, recognised by content.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        #[command(flatten)]
        input_options: InputOptions,
        /// Write the document here (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

/// How inputs are read: URL → file maps for imports, and the overrides file.
#[derive(clap::Args)]
struct InputOptions {
    /// Read FILE wherever a WSDL or schema imports URL (exactly as written); repeatable.
    /// Relative locations are read next to the importing file; other URLs are never fetched.
    #[arg(long = "map", value_name = "URL=FILE", value_parser = parse_map)]
    maps: Vec<(String, PathBuf)>,
    /// Corrections to apply (renames, types, optionality, content, endpoint): a
    /// soapgen.toml file.
    #[arg(long, value_name = "FILE")]
    overrides: Option<PathBuf>,
    /// Refuse a WSDL with a broken reference (an undefined message, portType, binding or
    /// operation, an undeclared prefix) instead of repairing it with a warning.
    #[arg(long)]
    strict: bool,
}

/// How `fetch` connects: the runtime's proxy, TLS and authentication options, and limits.
/// Passwords are never taken on the command line (other users can read it): they come from
/// an environment variable or a file.
#[derive(clap::Args)]
struct ConnectionArgs {
    /// User name for the server (sent only to the URL's own scheme, host and port).
    #[arg(long, value_name = "USER")]
    user: Option<String>,
    /// Read the password for --user from this environment variable.
    #[arg(long, value_name = "VAR", requires = "user", conflicts_with = "password_file")]
    password_env: Option<String>,
    /// Read the password for --user from the first line of this file.
    #[arg(long, value_name = "FILE", requires = "user")]
    password_file: Option<PathBuf>,
    /// How --user authenticates.
    #[arg(long, value_enum, default_value = "basic", requires = "user")]
    auth: AuthArg,
    /// Go through this proxy (http:// or https://; credentials via --proxy-user).
    #[arg(long, value_name = "URL")]
    proxy: Option<String>,
    /// User name for the proxy.
    #[arg(long, value_name = "USER", requires = "proxy")]
    proxy_user: Option<String>,
    /// Read the proxy password from this environment variable.
    #[arg(long, value_name = "VAR", requires = "proxy_user")]
    proxy_password_env: Option<String>,
    /// Ignore HTTPS_PROXY, HTTP_PROXY and NO_PROXY.
    #[arg(long)]
    no_env_proxy: bool,
    /// Also trust the CA certificates in this PEM file; repeatable.
    #[arg(long = "ca-cert", value_name = "PEM")]
    ca_certs: Vec<PathBuf>,
    /// Also trust the platform's certificate store.
    #[arg(long)]
    platform_roots: bool,
    /// Present this client certificate (PEM) for mutual TLS.
    #[arg(long, value_name = "PEM", requires = "client_key")]
    client_cert: Option<PathBuf>,
    /// The client certificate's private key (PEM).
    #[arg(long, value_name = "PEM", requires = "client_cert")]
    client_key: Option<PathBuf>,
    /// Limit on each request, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    timeout: u64,
    /// Limit on all documents together, in bytes (suffixes K, M, G: 1024-based).
    #[arg(long, value_name = "BYTES", default_value = "64M", value_parser = parse_bytes)]
    max_bytes: u64,
    /// Limit on the number of documents.
    #[arg(long, value_name = "N", default_value_t = 200)]
    max_files: usize,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum AuthArg {
    Basic,
    Digest,
    Ntlm,
}

impl ConnectionArgs {
    fn connection(&self) -> Result<soapgen::fetch::Connection, soapgen::Error> {
        use soapgen::fetch::{Auth, Connection};
        let credentials = match &self.user {
            Some(user) => Some((user.clone(), self.password()?)),
            None => None,
        };
        if let Some(proxy) = &self.proxy {
            if proxy.split_once("://").is_some_and(|(_, rest)| {
                rest.split(['/', '?', '#']).next().is_some_and(|a| a.contains('@'))
            }) {
                return Err(usage(
                    "--proxy: expected a URL without credentials; give them with --proxy-user \
                     and --proxy-password-env",
                ));
            }
        }
        let proxy_credentials = match (&self.proxy_user, &self.proxy_password_env) {
            (Some(user), Some(var)) => Some((user.clone(), from_env(var)?)),
            (Some(_), None) => return Err(usage("--proxy-user needs --proxy-password-env VAR")),
            _ => None,
        };
        Ok(Connection {
            timeout: Some(std::time::Duration::from_secs(self.timeout)),
            credentials,
            auth: match self.auth {
                AuthArg::Basic => Auth::Basic,
                AuthArg::Digest => Auth::Digest,
                AuthArg::Ntlm => Auth::Ntlm,
            },
            proxy: self.proxy.clone(),
            proxy_credentials,
            no_env_proxy: self.no_env_proxy,
            ca_certs: self.ca_certs.clone(),
            platform_roots: self.platform_roots,
            client_certificate: self.client_cert.clone().zip(self.client_key.clone()),
        })
    }

    fn password(&self) -> Result<soapgen_runtime::Secret, soapgen::Error> {
        match (&self.password_env, &self.password_file) {
            (Some(var), _) => from_env(var),
            (None, Some(path)) => {
                let text = std::fs::read_to_string(path).map_err(|source| soapgen::Error::Io {
                    path: path.display().to_string(),
                    source,
                })?;
                Ok(text.lines().next().unwrap_or("").into())
            }
            (None, None) => Err(usage("--user needs --password-env VAR or --password-file FILE")),
        }
    }
}

/// A password from the environment variable `var` (its value never appears in a message).
fn from_env(var: &str) -> Result<soapgen_runtime::Secret, soapgen::Error> {
    match std::env::var(var) {
        Ok(value) if !value.is_empty() => Ok(value.into()),
        _ => Err(usage(&format!("expected the environment variable {var} to hold the password"))),
    }
}

fn usage(message: &str) -> soapgen::Error {
    soapgen::Error::Fetch(message.to_owned())
}

/// `1048576`, `512K`, `64M`, `1G`.
fn parse_bytes(s: &str) -> Result<u64, String> {
    let (digits, unit) = match s.trim().char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => (&s.trim()[..i], c.to_ascii_uppercase()),
        _ => (s.trim(), 'B'),
    };
    let shift = match unit {
        'B' => 0,
        'K' => 10,
        'M' => 20,
        'G' => 30,
        _ => return Err(format!("expected a number of bytes with K, M or G, found `{s}`")),
    };
    let n: u64 = digits.parse().map_err(|_| format!("expected a number of bytes, found `{s}`"))?;
    n.checked_mul(1 << shift).ok_or_else(|| format!("`{s}` is too large"))
}

impl InputOptions {
    fn options(&self) -> Result<soapgen::Options, soapgen::Error> {
        let mut options = soapgen::Options { strict: self.strict, ..Default::default() };
        for (url, file) in &self.maps {
            options.loader.map(url.clone(), file.clone());
        }
        if let Some(path) = &self.overrides {
            options.overrides = Some(std::sync::Arc::new(soapgen::Overrides::from_path(path)?));
        }
        Ok(options)
    }
}

/// `1.1` or `1.2`.
fn parse_http_methods(s: &str) -> Result<soapgen::HttpMethods, String> {
    soapgen::HttpMethods::parse(s).ok_or_else(|| format!("expected post, get or auto, found `{s}`"))
}

fn parse_soap_version(s: &str) -> Result<soapgen::ir::Protocol, String> {
    match s {
        "1.1" => Ok(soapgen::ir::Protocol::Soap11),
        "1.2" => Ok(soapgen::ir::Protocol::Soap12),
        _ => Err(format!("expected 1.1 or 1.2, found `{s}`")),
    }
}

/// `URL=FILE`, split at the last `=` (URLs such as `?xsd=xsd0` contain `=` themselves).
fn parse_map(s: &str) -> Result<(String, PathBuf), String> {
    match s.rsplit_once('=') {
        Some((url, file)) if !url.is_empty() && !file.is_empty() => {
            Ok((url.to_owned(), PathBuf::from(file)))
        }
        _ => Err(format!("expected URL=FILE, found `{s}`")),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", e.render(colored()));
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<(), soapgen::Error> {
    match command {
        Command::Generate {
            inputs,
            input_options,
            output,
            crate_dir,
            name,
            runtime,
            soap_version,
            async_transport,
            operations,
            operation_features,
            both_directions,
            server,
            http,
        } => {
            let sources = read_all(&inputs)?;
            let mut options = soapgen::Options { soap_version, ..input_options.options()? };
            if !operations.is_empty() {
                options.operations =
                    Some(soapgen::OperationFilter::new("--operations", operations));
            }
            options.emit.operation_features = operation_features;
            options.emit.both_directions = both_directions;
            options.emit.server = server;
            if let Some(http) = http {
                options.http_methods = http;
            }
            if async_transport {
                options.emit.default_transport = soapgen::emit::DefaultTransport::Async;
            }
            let out = soapgen::generate(&sources, &options)?;
            warn(&out.model);
            if let Some(path) = output {
                out.write_module(&path)?;
            }
            if let Some(dir) = crate_dir {
                let name = name.unwrap_or_else(|| {
                    dir.file_name().map_or("generated".into(), |n| n.to_string_lossy().into_owned())
                });
                let options = soapgen::CrateOptions {
                    name,
                    runtime_dependency: runtime,
                    dev_dependencies: Vec::new(),
                    runtime_features: [(async_transport, "async"), (server, "server")]
                        .into_iter()
                        .filter(|(on, _)| *on)
                        .map(|(_, feature)| feature.to_owned())
                        .collect(),
                };
                out.write_crate(&dir, &options)?;
            }
            Ok(())
        }
        Command::Fetch { url, output, connection } => {
            let limits = soapgen::fetch::Limits {
                max_bytes: connection.max_bytes,
                max_files: connection.max_files,
            };
            let saved = soapgen::fetch::fetch(&url, &output, &connection.connection()?, limits)?;
            for (url, file) in saved.map.urls() {
                eprintln!("  {url} -> {}", output.join(file).display());
            }
            eprintln!(
                "fetched {} documents ({} bytes) into {}; generate from {}",
                saved.map.urls().count(),
                saved.bytes,
                output.display(),
                saved.entry.display()
            );
            Ok(())
        }
        Command::Wsdl { inputs, input_options, output } => {
            let sources = read_all(&inputs)?;
            let description = soapgen::describe(&sources, &input_options.options()?)?;
            warn_all(&description.warnings);
            match output {
                Some(path) => std::fs::write(&path, &description.wsdl).map_err(|e| {
                    soapgen::Error::Io { path: path.display().to_string(), source: e }
                })?,
                None => print!("{}", description.wsdl),
            }
            Ok(())
        }
        Command::Inspect { inputs, input_options } => {
            let sources = read_all(&inputs)?;
            let options = input_options.options()?;
            let strict =
                options.overrides.as_ref().and_then(|o| o.strict()).unwrap_or(options.strict);
            let mut read = soapgen::read::read_with_strictness(&sources, &options.loader, strict)?;
            if let Some(overrides) = &options.overrides {
                overrides.apply(&mut read.model)?;
            }
            warn(&read.model);
            print!("{}", soapgen::read::dump(&read.model));
            Ok(())
        }
    }
}

fn read_all(paths: &[PathBuf]) -> Result<Vec<soapgen::Source>, soapgen::Error> {
    paths.iter().map(|p| soapgen::Source::from_path(p)).collect()
}

fn warn(model: &soapgen::ir::Model) {
    warn_all(&model.warnings);
}

fn warn_all(warnings: &[soapgen::Warning]) {
    let style = if colored() {
        soapgen::diagnostic::Style::Colored
    } else {
        soapgen::diagnostic::Style::Plain
    };
    for w in warnings {
        eprintln!("{}", soapgen::diagnostic::warning(w, style));
    }
}

/// Colours only for a terminal, and never when NO_COLOR is set (no-color.org).
fn colored() -> bool {
    use std::io::IsTerminal as _;
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}
