//! `soapgen.toml` as a user writes it: what each key changes in the generated code, and
//! the located error for each mistake.

use std::sync::Arc;

use soapgen::{Options, Overrides, Source};

const PAGE: &str = include_str!("../../samples/sos_account_management/001_69f3e108d2aeb22f.txt");

fn generate(toml: &str) -> Result<String, String> {
    let overrides =
        Overrides::parse(Source::new("soapgen.toml", toml)).map_err(|e| e.to_string())?;
    let options = Options { overrides: Some(Arc::new(overrides)), ..Options::default() };
    soapgen::generate(&[Source::new("page.txt", PAGE)], &options)
        .map(|o| o.code)
        .map_err(|e| e.to_string())
}

/// The report names the file, line and column and says what went wrong.
fn assert_located(message: &str, line_column: &str, says: &str) {
    assert!(message.starts_with(&format!("error: {says}")), "{message}");
    assert!(message.contains(&format!("--> soapgen.toml:{line_column}")), "{message}");
}

fn error(toml: &str) -> String {
    generate(toml).expect_err("the overrides should be refused")
}

#[test]
fn renames_types_and_fields_keeping_wire_names() {
    let code = generate(
        r#"
[types.Request]
rename = "PasswordChange"
doc = "What a password change needs."

[types.Request.fields.NewPassword]
rename = "password"
"#,
    )
    .unwrap();
    assert!(code.contains("/// What a password change needs.\n"), "{code}");
    assert!(code.contains("pub struct PasswordChange {"), "{code}");
    assert!(code.contains("pub password: Option<String>"), "{code}");
    // The wire keeps the document's names.
    assert!(code.contains("\"NewPassword\""), "{code}");
    assert!(!code.contains("pub struct Request {"), "{code}");
}

#[test]
fn sets_types_optionality_and_lists() {
    let code = generate(
        r#"
[types.Request.fields.SendEmailToCustomer]
optional = true
[types.Request.fields.Username]
type = "long"
optional = false
[types.AuthHeader.fields.UserName]
list = true
"#,
    )
    .unwrap();
    assert!(code.contains("pub send_email_to_customer: Option<bool>"), "{code}");
    assert!(code.contains("pub username: i64"), "{code}");
    assert!(code.contains("pub user_name: Vec<String>"), "{code}");
}

#[test]
fn gives_the_content_the_sample_left_empty() {
    let code = generate(
        r#"
[types.ChangeBackupAccountPasswordResult.fields.Result]
content = '''
  <Code>int</Code>
  <Message>string</Message>
'''
"#,
    )
    .unwrap();
    assert!(code.contains("pub code: i32"), "{code}");
    assert!(code.contains("pub message: Option<String>"), "{code}");
    assert!(!code.contains("RawXml"), "{code}");
}

#[test]
fn pins_the_endpoint() {
    let code = generate("endpoint = \"https://backup.example.com/Account.asmx\"\n").unwrap();
    assert!(code.contains("\"https://backup.example.com/Account.asmx\""), "{code}");
    assert!(!code.contains("sosonlinebackup.com/WebApi"), "{code}");

    let code = generate(
        "[services.AccountManagementServiceClient]\nendpoint = \"https://eu.example.com/a.asmx\"\n",
    )
    .unwrap();
    assert!(code.contains("\"https://eu.example.com/a.asmx\""), "{code}");
}

#[test]
fn unknown_keys_are_located() {
    let message = error("[types.Request]\nrenam = \"X\"\n");
    assert_located(&message, "2:1", "unknown field `renam`");
    assert!(message.contains("renam = \"X\""), "{message}");
}

#[test]
fn names_that_match_nothing_are_located() {
    let message = error("\n[types.Reqest]\nrename = \"X\"\n");
    assert_located(&message, "2:8", "no type named `Reqest`");
    assert!(message.contains("Request"), "the known types are listed: {message}");

    let message = error("[types.Request.fields.Passwort]\noptional = true\n");
    assert_located(&message, "1:23", "`Request` has no field named `Passwort`");
    assert!(message.contains("NewPassword"), "{message}");

    let message = error("[services.Nope]\nendpoint = \"https://x\"\n");
    assert_located(&message, "1:11", "no service named `Nope`");
}

#[test]
fn bad_values_are_located() {
    let message = error("[types.Request.fields.Username]\ntype = \"integer32\"\n");
    assert_located(&message, "2:8", "`integer32` is neither a placeholder type");

    let message = error("[types.Request]\nrename = \"not a name\"\n");
    assert_located(&message, "2:10", "`not a name` is not a Rust identifier");

    let message = error("endpoint = \"ftp://x\"\n");
    assert_located(&message, "1:12", "expected an http:// or https:// URL");

    let message = error("[types.Request\n");
    assert_located(&message, "1:", "");

    let message = error("http = \"put\"\n");
    assert_located(&message, "1:8", "expected \"post\", \"get\" or \"auto\", found \"put\"");
}

#[test]
fn http_asks_for_get_post_methods_beside_soap() {
    // The page's service speaks SOAP only: asking for GET/POST methods changes nothing.
    let plain = generate("").unwrap();
    assert_eq!(generate("http = \"post\"\n").unwrap(), plain);
}

#[test]
fn broken_content_points_into_the_file() {
    let message = error(
        "[types.ChangeBackupAccountPasswordResult.fields.Result]\ncontent = '''\n  <Code>int</Cod>\n'''\n",
    );
    assert_located(&message, "3:", "");
}

#[test]
fn content_and_later_overrides_combine() {
    let code = generate(
        r#"
[types.ChangeBackupAccountPasswordResult.fields.Result]
content = "<Code>int</Code><Message>string</Message>"
[types.Request]
rename = "PasswordChange"
[types.Result.fields.Code]
type = "long"
"#,
    )
    .unwrap();
    assert!(code.contains("pub struct PasswordChange {"), "{code}");
    assert!(code.contains("pub code: i64"), "{code}");
}

const MULTI: &str = "../samples/wsdl_multi/multi.wsdl";

fn generate_multi(toml: &str) -> Result<String, String> {
    let overrides =
        Overrides::parse(Source::new("soapgen.toml", toml)).map_err(|e| e.to_string())?;
    let options = Options { overrides: Some(Arc::new(overrides)), ..Options::default() };
    let wsdl = Source::from_path(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(MULTI))
        .map_err(|e| e.to_string())?;
    soapgen::generate(&[wsdl], &options).map(|o| o.code).map_err(|e| e.to_string())
}

#[test]
fn operations_choose_the_calls_per_service() {
    let code = generate_multi("[services.Orders]\noperations = [\"Place*\"]\n").unwrap();
    assert!(code.contains("pub fn place_order(") && !code.contains("get_customer"), "{code}");

    let message =
        generate_multi("[services.Orders]\noperations = [\"PlaceOrder\", \"GetCustomers\"]\n")
            .unwrap_err();
    assert_located(
        &message,
        "2:29",
        "`GetCustomers` matches no operation of `Orders`; the closest are: GetCustomer",
    );
    let message = generate_multi("[services.Orders]\noperations = []\n").unwrap_err();
    assert_located(&message, "1:11", "`operations` of `Orders` lists no operation");
}

#[test]
fn both_directions_gives_every_type_writing_and_reading() {
    let has = |code: &str, what: &str| code.contains(&format!("impl rt::{what} {{"));
    // By default the request is only written and the response only read.
    let lean = generate("").unwrap();
    assert!(has(&lean, "XmlWrite for ChangeBackupAccountPassword"), "{lean}");
    assert!(!has(&lean, "XmlRead for ChangeBackupAccountPassword"), "{lean}");
    assert!(has(&lean, "XmlRead for ChangeBackupAccountPasswordResponse"), "{lean}");
    assert!(!has(&lean, "XmlWrite for ChangeBackupAccountPasswordResponse"), "{lean}");

    let both = generate("both_directions = true\n").unwrap();
    for ty in ["ChangeBackupAccountPassword", "ChangeBackupAccountPasswordResponse", "AuthHeader"] {
        assert!(has(&both, &format!("XmlWrite for {ty}")), "{both}");
        assert!(has(&both, &format!("XmlRead for {ty}")), "{both}");
    }
}
