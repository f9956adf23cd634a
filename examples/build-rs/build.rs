fn main() {
    // A pasted ASP.NET help page is all this service documents; soapgen.toml adds what
    // the page could not show.
    if let Err(e) = soapgen::Builder::new()
        .input("docs/account-management.txt")
        .overrides("docs/soapgen.toml")
        .compile()
    {
        // Cargo shows build-script output only on failure; the message names file:line:col.
        eprintln!("{e}");
        std::process::exit(1);
    }
}
