//! The build.rs entry point, in the manner of prost-build.
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), soapgen::Error> {
//!     soapgen::Builder::new().input("service/help-page.txt").compile()?;
//!     Ok(())
//! }
//! ```
//! ```ignore
//! // src/lib.rs
//! mod service {
//!     include!(concat!(env!("OUT_DIR"), "/help_page.rs"));
//! }
//! ```

use std::path::{Path, PathBuf};

use crate::fetch::MAP_FILE;
use crate::{Error, Options, Output, Source, generate, output::write_if_changed};

/// Generates a client module from documents, for build scripts.
#[derive(Clone, Debug, Default)]
pub struct Builder {
    inputs: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    file_name: Option<String>,
    options: Options,
    overrides: Option<PathBuf>,
    rerun_if_changed: bool,
}

impl Builder {
    /// A builder with no inputs, writing to `$OUT_DIR`, printing `cargo:rerun-if-changed`.
    pub fn new() -> Self {
        Builder { rerun_if_changed: true, ..Default::default() }
    }

    /// Adds an input document (WSDL, help page, envelope, …); several inputs describe one service.
    pub fn input(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.inputs.push(path.as_ref().to_path_buf());
        self
    }

    /// Where the module is written (default: `$OUT_DIR`).
    pub fn out_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// The module's file name (default: the first input's stem + `.rs`).
    pub fn file_name(&mut self, name: impl Into<String>) -> &mut Self {
        self.file_name = Some(name.into());
        self
    }

    /// How the generated code names the runtime crate (default `::soapgen_runtime`), for
    /// crates that re-export it.
    pub fn runtime_path(&mut self, path: impl Into<String>) -> &mut Self {
        self.options.emit.runtime_path = path.into();
        self
    }

    /// Reads `file` wherever a WSDL or schema imports or includes `url` (matched exactly
    /// as written), e.g. WCF's `http://host/svc.svc?xsd=xsd0`. Other absolute URLs are
    /// never fetched: the Builder reads local files only. Documents saved by `soapgen
    /// fetch` need no mapping here, since the `soapgen-map.toml` beside them is read by
    /// itself; run `fetch` by hand (never from a build script) and check its directory in.
    pub fn map_url(&mut self, url: impl Into<String>, file: impl AsRef<Path>) -> &mut Self {
        self.options.loader.map(url, file.as_ref());
        self
    }

    /// Applies a `soapgen.toml` overrides file (renames, types, optionality, content the
    /// samples left empty, endpoint); see [`crate::Overrides`].
    pub fn overrides(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.overrides = Some(path.as_ref().to_path_buf());
        self
    }

    /// Generates only the operations `names` matches (operation names as the documents
    /// spell them, or globs with `*` and `?`), and only the types they reach: request,
    /// response, header blocks, faults and what those hold. A name that matches nothing
    /// is an error listing the closest operations. Type names stay those of the full
    /// generation.
    pub fn operations<S: Into<String>>(&mut self, names: impl IntoIterator<Item = S>) -> &mut Self {
        self.options.operations = Some(crate::OperationFilter::new("Builder::operations", names));
        self
    }

    /// Whether every type gets both `XmlWrite` and `XmlRead` (default: no). Off, a type
    /// gets what the client uses: writing for what it sends (requests, header blocks),
    /// reading for what it receives (responses, fault details). On for tests that write
    /// responses or read requests, as a fake service does.
    pub fn both_directions(&mut self, yes: bool) -> &mut Self {
        self.options.emit.both_directions = yes;
        self
    }

    /// Which operations are called over HTTP GET/POST (ASMX's HTTP GET / HTTP POST, WSDL
    /// `http:binding`). Default [`HttpMethods::Auto`](crate::HttpMethods::Auto): only those
    /// offered over nothing else, over POST where both verbs are offered; `Post` / `Get`
    /// give every operation offering them such a method (`<operation>_http_post` beside
    /// a SOAP one), preferring that verb.
    pub fn http_methods(&mut self, choice: crate::HttpMethods) -> &mut Self {
        self.options.http_methods = choice;
        self
    }

    /// Whether to generate the server side too (default: no): per SOAP service a trait
    /// with a method per operation, its router and a mock for tests. The crate then needs
    /// `soapgen-runtime` with the feature `server`. Implies [`both_directions`](Self::both_directions).
    pub fn server(&mut self, yes: bool) -> &mut Self {
        self.options.emit.server = yes;
        self
    }

    /// Whether to refuse a WSDL with a broken reference (default: no). Off, a `soap:header`
    /// or fault naming an undefined message, a binding operation missing from its
    /// portType, a missing binding or portType, or an undeclared well-known prefix is
    /// repaired (left out, or kept as raw XML) with a warning; on, it is an error.
    pub fn strict(&mut self, yes: bool) -> &mut Self {
        self.options.strict = yes;
        self
    }

    /// Whether to print `cargo:rerun-if-changed` for every file read (default: yes).
    pub fn rerun_if_changed(&mut self, yes: bool) -> &mut Self {
        self.rerun_if_changed = yes;
        self
    }

    /// Reads the inputs and generates, without writing anything.
    pub fn generate(&self) -> Result<Output, Error> {
        if self.inputs.is_empty() {
            return Err(Error::BuildScript("soapgen::Builder: no input was added".into()));
        }
        let sources =
            self.inputs.iter().map(|p| Source::from_path(p)).collect::<Result<Vec<_>, _>>()?;
        let mut options = self.options.clone();
        if let Some(path) = &self.overrides {
            options.overrides = Some(std::sync::Arc::new(crate::Overrides::from_path(path)?));
        }
        generate(&sources, &options)
    }

    /// Generates and writes the module; returns its path. Prints `cargo:rerun-if-changed`
    /// for every file read (imports and includes too) and the reader's warnings as
    /// `cargo:warning=`.
    pub fn compile(&self) -> Result<PathBuf, Error> {
        if self.rerun_if_changed {
            // Before generating, so fixing a broken input reruns the script.
            for input in self.inputs.iter().chain(&self.overrides) {
                println!("cargo:rerun-if-changed={}", input.display());
            }
        }
        let output = self.generate()?;
        for line in self.script_lines(&output) {
            println!("{line}");
        }
        let dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR").map(PathBuf::from).ok_or_else(|| {
                Error::BuildScript(
                    "OUT_DIR is not set: call compile() from a build script, or set out_dir()"
                        .into(),
                )
            })?,
        };
        let name = self.file_name.clone().unwrap_or_else(|| {
            let stem = self.inputs[0]
                .file_stem()
                .map_or("soap".into(), |s| s.to_string_lossy().into_owned());
            format!("{}.rs", crate::resolve::to_field_ident(&stem).trim_start_matches("r#"))
        });
        let path = dir.join(name);
        write_if_changed(&path, &output.module_source())?;
        Ok(path)
    }

    /// What `compile` tells cargo after generating: the files read beyond the inputs
    /// (already announced), and the reader's warnings.
    fn script_lines(&self, output: &Output) -> Vec<String> {
        let mut lines = Vec::new();
        if self.rerun_if_changed {
            for file in output.files.iter().skip(self.inputs.len()) {
                lines.push(format!("cargo:rerun-if-changed={file}"));
            }
            // The URL maps `soapgen fetch` wrote decide which files imports read.
            let maps = output.files.iter().map(|f| Path::new(f).with_file_name(MAP_FILE));
            let maps: std::collections::BTreeSet<PathBuf> = maps.filter(|m| m.is_file()).collect();
            for map in maps {
                lines.push(format!("cargo:rerun-if-changed={}", map.display()));
            }
        }
        for w in output.warnings() {
            lines.push(format!(
                "cargo:warning={}:{}:{}: {}",
                w.at.file, w.at.line, w.at.column, w.message
            ));
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imports_and_includes_rerun_the_script() {
        let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../samples/wsdl_multi");
        let mut builder = Builder::new();
        builder.input(samples.join("multi.wsdl"));
        let lines = builder.script_lines(&builder.generate().unwrap());
        let reruns: Vec<&str> = lines
            .iter()
            .filter_map(|l| l.strip_prefix("cargo:rerun-if-changed="))
            .map(|f| f.rsplit(['/', '\\']).next().unwrap())
            .collect();
        for file in ["interface.wsdl", "orders.xsd", "customers.xsd", "common.xsd"] {
            assert!(reruns.contains(&file), "{file} missing from {lines:?}");
        }
        assert!(!reruns.contains(&"multi.wsdl"), "inputs are announced before generating");
    }

    #[test]
    fn a_broken_wsdl_warns_and_strict_refuses_it() {
        let dir = std::env::temp_dir().join(format!("soapgen-strict-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let wsdl = dir.join("trimmed.wsdl");
        // The header's message was trimmed away.
        let text = r#"<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:t" targetNamespace="urn:t">
  <message name="In"><part name="who" type="xs:string"/></message>
  <portType name="P"><operation name="Hi"><input message="tns:In"/><output message="tns:In"/></operation></portType>
  <binding name="B" type="tns:P"><soap:binding style="rpc"/><operation name="Hi">
    <input><soap:body use="literal" namespace="urn:t"/><soap:header message="tns:Auth" part="a" use="literal"/></input>
    <output><soap:body use="literal" namespace="urn:t"/></output></operation></binding>
  <service name="S"><port name="p" binding="tns:B"><soap:address location="http://h/s"/></port></service>
</definitions>"#;
        std::fs::write(&wsdl, text).unwrap();
        let mut builder = Builder::new();
        builder.input(&wsdl);
        let out = builder.generate().unwrap();
        assert!(out.code.contains("pub fn hi("), "{}", out.code);
        assert!(out.warnings().iter().any(|w| w.message.contains("message 'tns:Auth' not found")));
        let error = builder.strict(true).generate().unwrap_err().summary();
        assert!(
            error.contains("trimmed.wsdl:6:") && error.contains("'tns:Auth' not found"),
            "{error}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn operations_are_chosen_and_a_stray_name_lists_the_closest() {
        let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../samples/wsdl_multi");
        let mut builder = Builder::new();
        builder.input(samples.join("multi.wsdl")).operations(["GetCustomer"]);
        let code = builder.generate().unwrap().code;
        assert!(code.contains("pub fn get_customer(") && !code.contains("place_order"), "{code}");
        let error = builder.operations(["GetCustomer", "Place"]).generate().unwrap_err();
        assert_eq!(
            error.to_string(),
            "Builder::operations `GetCustomer,Place`: `Place` matches no operation; \
             the closest are: PlaceOrder, GetCustomer"
        );
        let error = builder.operations(Vec::<String>::new()).generate().unwrap_err();
        assert_eq!(error.to_string(), "Builder::operations: no operation chosen");
    }

    #[test]
    fn mapped_urls_are_read_and_warnings_reach_cargo() {
        let dir = std::env::temp_dir().join(format!("soapgen-builder-map-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let xsd = dir.join("types.xsd");
        std::fs::write(
            &xsd,
            r#"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t">
  <xs:element name="Ping" type="xs:string"/><xs:element name="Pong" type="xs:string"/>
</xs:schema>"#,
        )
        .unwrap();
        let wsdl = dir.join("svc.wsdl");
        std::fs::write(
            &wsdl,
            r#"<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="urn:t" targetNamespace="urn:t">
  <types><xs:schema targetNamespace="urn:u">
    <xs:import namespace="urn:t" schemaLocation="http://h.invalid/s?xsd=xsd0"/>
    <xs:import namespace="urn:v" schemaLocation="http://h.invalid/elsewhere.xsd"/>
  </xs:schema></types>
  <message name="In"><part name="p" element="t:Ping"/></message>
  <message name="Out"><part name="p" element="t:Pong"/></message>
  <portType name="P"><operation name="Ping"><input message="t:In"/><output message="t:Out"/></operation></portType>
  <binding name="B" type="t:P"><soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="Ping"><soap:operation soapAction="Ping"/>
      <input><soap:body use="literal"/></input><output><soap:body use="literal"/></output></operation>
  </binding>
  <service name="S"><port name="P" binding="t:B"><soap:address location="http://h.invalid/s"/></port></service>
</definitions>"#,
        )
        .unwrap();
        let mut builder = Builder::new();
        builder.input(&wsdl).map_url("http://h.invalid/s?xsd=xsd0", &xsd);
        let lines = builder.script_lines(&builder.generate().unwrap());
        assert!(lines.iter().any(|l| l.ends_with("types.xsd")), "{lines:?}");
        assert!(!lines.iter().any(|l| l.ends_with(MAP_FILE)), "{lines:?}");
        // Through the map `soapgen fetch` writes instead: it is announced too.
        let map = crate::fetch::UrlMap::new(
            "svc.wsdl",
            vec![
                ("http://h.invalid/svc".into(), "svc.wsdl".into()),
                ("http://h.invalid/s?xsd=xsd0".into(), "types.xsd".into()),
            ],
        );
        std::fs::write(dir.join(MAP_FILE), map.to_toml()).unwrap();
        let mut builder = Builder::new();
        builder.input(&wsdl);
        let lines = builder.script_lines(&builder.generate().unwrap());
        assert!(lines.iter().any(|l| l.ends_with("types.xsd")), "{lines:?}");
        let map_line = format!("cargo:rerun-if-changed={}", dir.join(MAP_FILE).display());
        assert_eq!(lines.iter().filter(|l| **l == map_line).count(), 1, "{lines:?}");
        assert!(
            lines.iter().any(|l| l.starts_with(&format!("cargo:warning={}:5:", wsdl.display()))
                && l.contains("elsewhere.xsd")),
            "{lines:?}"
        );
    }
}
