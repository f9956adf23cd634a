fn main() {
    // The benchmark's client is generated the way a downstream crate would generate it;
    // with both directions, so that the smoke test can read back the request it wrote
    // (the records travel both ways anyway: the measured code is the same).
    if let Err(e) =
        soapgen::Builder::new().input("service/records.wsdl").both_directions(true).compile()
    {
        eprintln!("{e}");
        std::process::exit(1);
    }
}
