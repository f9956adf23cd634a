fn main() {
    // The benchmark's client is generated the way a downstream crate would generate it.
    if let Err(e) = soapgen::Builder::new().input("service/records.wsdl").compile() {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
