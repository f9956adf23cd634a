//! Acceptance tests on the real seed pages and the Markdown samples, plus the
//! inputs the readers must refuse.

use super::*;
use crate::ir::{
    BindingStyle, EnumDef, Field, Occurs, Operation, Primitive, Protocol, QName, StructDef,
    TypeKind, TypeRef,
};

/// A file of the repository's samples (`samples/<crate>/<name>`), named by file name only
/// so messages and snapshots do not depend on the layout.
fn sample(name: &str) -> Source {
    let path = testkit::samples::all()
        .into_iter()
        .flat_map(|s| s.inputs)
        .find(|p| p.file_name().is_some_and(|n| n == name))
        .unwrap_or_else(|| panic!("sample {name} not found under samples/"));
    Source::new(name, Source::from_path(&path).unwrap().text)
}

fn seed(name: &str) -> Model {
    read_sources(&[sample(name)]).unwrap()
}

const SEEDS: [&str; 5] = [
    "000_ae550fffd054f661.txt",
    "001_69f3e108d2aeb22f.txt",
    "002_8da5f6ba036fde20.txt",
    "003_22b043e5d8dd7406.txt",
    "004_d047d31c2c98491d.txt",
];

/// Markdown help pages written for these tests (`codegen/tests/fixtures/asmx_help_md`).
const MARKDOWN: [&str; 3] = ["LoanList_Retrieve.md", "Loan_Retrieve.md", "Member_IsActive.md"];

fn markdown(name: &str) -> Source {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/asmx_help_md");
    Source::new(name, Source::from_path(&dir.join(name)).unwrap().text)
}

fn only_op(m: &Model) -> &Operation {
    assert_eq!(m.services.len(), 1);
    assert_eq!(m.services[0].operations.len(), 1);
    &m.services[0].operations[0]
}

fn strukt<'m>(m: &'m Model, ty: &TypeRef) -> &'m StructDef {
    match ty {
        TypeRef::Named(id) => match &m.ty(*id).kind {
            TypeKind::Struct(s) => s,
            k => panic!("not a struct: {k:?}"),
        },
        t => panic!("not named: {t:?}"),
    }
}

fn enumeration<'m>(m: &'m Model, ty: &TypeRef) -> &'m EnumDef {
    match ty {
        TypeRef::Named(id) => match &m.ty(*id).kind {
            TypeKind::Enum(e) => e,
            k => panic!("not an enum: {k:?}"),
        },
        t => panic!("not named: {t:?}"),
    }
}

fn field<'s>(s: &'s StructDef, local: &str) -> &'s Field {
    s.fields.iter().find(|f| f.name.local == local).unwrap_or_else(|| panic!("no field {local}"))
}

fn names(s: &StructDef) -> Vec<&str> {
    s.fields.iter().map(|f| f.name.local.as_str()).collect()
}

const STRING: TypeRef = TypeRef::Primitive(Primitive::String);

#[test]
fn seed_000_cangooroo() {
    let m = seed(SEEDS[0]);
    let s = &m.services[0];
    assert_eq!(s.name, "ClientBackOffice_c");
    assert_eq!(s.namespace, "http://ws_2013.services.cangooroo.net/");
    let address = "http://ws-europlus.cangooroo.net/ws/2013/ClientBackOffice_c.asmx";
    assert!(s.endpoints.iter().all(|e| e.address == address));
    assert_eq!(
        s.endpoints.iter().map(|e| e.protocol).collect::<Vec<_>>(),
        [Protocol::Soap11, Protocol::Soap12]
    );
    let op = only_op(&m);
    assert_eq!(op.name, "updateUserPassword");
    assert_eq!(op.docs.0, ["Use this method to update a existing client user."]);
    let action = "http://ws_2013.services.cangooroo.net/updateUserPassword";
    assert_eq!(op.bindings.len(), 2);
    for (b, p) in op.bindings.iter().zip([Protocol::Soap11, Protocol::Soap12]) {
        assert_eq!((b.protocol, b.action.as_deref(), b.action_inferred), (p, Some(action), false));
        assert_eq!(b.style, BindingStyle::DocumentLiteral);
    }
    assert_eq!(op.input.element, QName::new(&s.namespace, "updateUserPassword"));
    let input = strukt(&m, &op.input.ty);
    assert_eq!(names(input), ["credential", "updateUserInfo", "username", "newPassword"]);
    for raw in ["credential", "updateUserInfo"] {
        let f = field(input, raw);
        assert_eq!((&f.ty, f.occurs), (&TypeRef::RawXml, Occurs::Optional));
        assert_eq!(f.docs.0, [infer::UNSHOWN_DOC]);
    }
    for text in ["username", "newPassword"] {
        let f = field(input, text);
        assert_eq!((&f.ty, f.occurs), (&STRING, Occurs::Optional));
    }
    assert_eq!(op.output.element.local, "updateUserPasswordResponse");
    let result = field(strukt(&m, &op.output.ty), "updateUserPasswordResult");
    assert_eq!(
        (&result.ty, result.occurs),
        (&TypeRef::Primitive(Primitive::Boolean), Occurs::Required)
    );
    assert_eq!((result.provenance.line, result.provenance.column), (43, 7));
    assert!(m.warnings.is_empty(), "{:?}", m.warnings);
}

#[test]
fn seed_001_header_nested_struct_and_empty_result() {
    let m = seed(SEEDS[1]);
    let op = only_op(&m);
    assert_eq!(op.headers.len(), 1);
    let h = &op.headers[0];
    assert_eq!((h.element.local.as_str(), h.required), ("AuthHeader", false));
    assert_eq!(names(strukt(&m, &h.ty)), ["UserName", "Password"]);
    let request = field(strukt(&m, &op.input.ty), "request");
    assert_eq!(names(strukt(&m, &request.ty)), ["Username", "NewPassword", "SendEmailToCustomer"]);
    assert_eq!(field(strukt(&m, &request.ty), "SendEmailToCustomer").occurs, Occurs::Required);
    let result = field(strukt(&m, &op.output.ty), "ChangeBackupAccountPasswordResult");
    assert_eq!(field(strukt(&m, &result.ty), "Result").ty, TypeRef::RawXml);
    // Both SOAP versions share every type.
    assert_eq!(m.types.len(), 5);
}

#[test]
fn seed_002_servicestack() {
    let m = seed(SEEDS[2]);
    let s = &m.services[0];
    assert_eq!(s.name, "Registrar Web Services");
    assert_eq!(s.endpoints[0].protocol, Protocol::PlainXml);
    assert_eq!(s.endpoints[0].address, "http://regapi.pumpalarm.com");
    let op = only_op(&m);
    assert_eq!(op.name, "ResetCustomerPasswordRequest");
    assert_eq!(op.bindings[0].path.as_deref(), Some("/xml/reply/ResetCustomerPasswordRequest"));
    assert_eq!(op.bindings[0].action, None);
    assert_eq!(op.docs.0[0], "Customer Portal can use this to reset a customers password");
    assert!(op.docs.0[1].contains("`POST,OPTIONS /ResetCustomerPassword`"));

    let input = strukt(&m, &op.input.ty);
    let email = field(input, "Email");
    assert_eq!((&email.ty, email.occurs), (&STRING, Occurs::Required));
    assert_eq!(email.docs.0, ["Customers Email Address"]);
    let brand = field(input, "CustomerBrandName");
    assert_eq!(
        (brand.occurs, brand.docs.0[0].as_str()),
        (Occurs::Optional, "BrandName associated with the customer")
    );

    let dto_ns = "http://schemas.datacontract.org/2004/07/Registrar.Model.Model.Transactions.UserRegistration";
    let ss_ns = "http://schemas.servicestack.net/types";
    let status = field(strukt(&m, &op.output.ty), "ResponseStatus");
    assert_eq!((status.name.namespace.as_str(), status.occurs), (dto_ns, Occurs::Optional));
    let status = strukt(&m, &status.ty);
    assert_eq!(names(status), ["ErrorCode", "Message", "StackTrace", "Errors", "Meta"]);
    assert!(status.fields.iter().all(|f| f.name.namespace == ss_ns));
    let TypeRef::Wrapped(errors) = &field(status, "Errors").ty else { panic!("Errors not a list") };
    assert_eq!(errors.item, QName::new(ss_ns, "ResponseError"));
    let error = strukt(&m, &errors.item_ty);
    assert_eq!(names(error), ["ErrorCode", "FieldName", "Message", "Meta"]);
    let (TypeRef::Wrapped(outer), TypeRef::Wrapped(inner)) =
        (&field(status, "Meta").ty, &field(error, "Meta").ty)
    else {
        panic!("Meta not a list")
    };
    assert_eq!(outer.item, QName::new(infer::ARRAYS_NS, "KeyValueOfstringstring"));
    assert_eq!(outer.item_ty, inner.item_ty, "one KeyValueOfstringstring type");
    let pair = strukt(&m, &outer.item_ty);
    assert_eq!(names(pair), ["Key", "Value"]);
    assert!(pair.fields.iter().all(|f| f.name.namespace == infer::ARRAYS_NS && f.ty == STRING));
    assert!(m.warnings.iter().any(|w| w.message.contains("one <ResponseError>")));
}

#[test]
fn seed_003_vendor_copy_with_typographic_quotes() {
    let m = seed(SEEDS[3]);
    let s = &m.services[0];
    assert_eq!((s.name.as_str(), s.namespace.as_str()), ("ResellerService", "Zoolz"));
    let op = only_op(&m);
    assert_eq!(op.name, "ResetPassword");
    assert_eq!(op.bindings.len(), 1);
    let b = &op.bindings[0];
    assert_eq!(
        (b.protocol, b.action.as_deref(), b.action_inferred),
        (Protocol::Soap12, Some("Zoolz/ResetPassword"), true)
    );
    let result = field(strukt(&m, &op.output.ty), "ResetPasswordResult");
    let result = strukt(&m, &result.ty);
    assert_eq!(names(result), ["Code", "Message", "Joson"]);
    let code = enumeration(&m, &field(result, "Code").ty);
    let values: Vec<&str> = code.variants.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(
        values,
        [
            "Success",
            "MissingParameters",
            "InvalidAuth",
            "InvalidEmail",
            "InvalidPassword",
            "UsedEmail",
            "PlanError",
            "GeneralError",
            "InvalidAccount"
        ]
    );
    let table = op
        .docs
        .0
        .iter()
        .find(|d| d.starts_with("| Code | Message | Comments |"))
        .expect("table kept");
    assert_eq!(table.lines().count(), 10);
    assert!(table.lines().all(|l| l.starts_with("| ") && l.ends_with(" |")));
    assert!(op.docs.0.iter().any(|d| d.starts_with("- Authentication token:")));
    let input = strukt(&m, &op.input.ty);
    assert_eq!(
        field(input, "email").docs.0,
        ["The user email you would like to reset password for as type string."]
    );
    assert!(field(input, "authToken").docs.0[0].starts_with("The reseller’s authentication token"));
    // The element positions map back to the original (typographic) text.
    let reset = m.types.iter().find(|t| t.name.local == "ResetPassword").unwrap();
    assert_eq!((reset.provenance.line, reset.provenance.column), (29, 1));
    assert!(
        !op.docs
            .0
            .iter()
            .any(|d| d.contains("The following is a sample") || d.contains("with actual values"))
    );
}

#[test]
fn seed_004_tight_page_two_status_enums() {
    let m = seed(SEEDS[4]);
    let s = &m.services[0];
    assert_eq!(s.name, "Customers");
    let op = only_op(&m);
    assert_eq!(op.bindings.len(), 2);
    assert!(op.docs.0[0].starts_with("Mit dieser Funktion können Sie"));
    assert_eq!(
        op.docs.0[1..],
        [
            "DateTimeFormat: Link",
            "Globalization: RequestEncoding = utf-8, ResponseEncoding = utf-8, Culture = en-US"
        ]
    );
    let order = strukt(&m, &field(strukt(&m, &op.input.ty), "order").ty);
    let kinds: Vec<(&str, &TypeRef, Occurs)> =
        order.fields.iter().map(|f| (f.name.local.as_str(), &f.ty, f.occurs)).collect();
    let p = |p| TypeRef::Primitive(p);
    assert_eq!(
        kinds,
        [
            ("Id", &p(Primitive::Int), Occurs::Required),
            ("CustId", &p(Primitive::Int), Occurs::Required),
            ("Value", &p(Primitive::Double), Occurs::Required),
            ("Text", &p(Primitive::String), Occurs::Optional),
            ("PaymentOptionId", &p(Primitive::Int), Occurs::Required),
            ("Payed", &p(Primitive::Boolean), Occurs::Required),
            ("InvoiceIdentifier", &p(Primitive::String), Occurs::Optional),
            ("ChangeDate", &p(Primitive::DateTime), Occurs::Required),
            ("CreateDate", &p(Primitive::DateTime), Occurs::Required),
        ]
    );
    let result =
        strukt(&m, &field(strukt(&m, &op.output.ty), "UpdateCustomerAccountOrderResult").ty);
    let outer = &field(result, "StatusCode").ty;
    let value = strukt(&m, &field(result, "Value").ty);
    assert_eq!(field(value, "Value").ty, p(Primitive::Boolean));
    let inner = &field(value, "StatusCode").ty;
    assert_ne!(outer, inner, "two StatusCode enums");
    assert!(enumeration(&m, outer).variants.iter().any(|v| v.value == "IPLock"));
    assert!(enumeration(&m, inner).variants.iter().any(|v| v.value == "FunktionError"));
    assert_eq!(m.types.iter().filter(|t| t.name.local == "StatusCode").count(), 2);
}

#[test]
fn markdown_pages_share_one_service() {
    let sources: Vec<Source> = MARKDOWN.iter().map(|n| markdown(n)).collect();
    let m = read_sources(&sources).unwrap();
    assert_eq!(m.services.len(), 1);
    let s = &m.services[0];
    assert_eq!(s.name, "LibraryWebservice");
    let ops: Vec<&str> = s.operations.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(ops, ["LoanList_Retrieve", "Loan_Retrieve", "Member_IsActive"]);
    for op in &s.operations {
        // SOAP 1.2 samples only: one binding, its action inferred (1.2 pages show none).
        assert_eq!(op.bindings.len(), 1);
        assert_eq!(op.bindings[0].protocol, Protocol::Soap12);
        assert!(op.bindings[0].action_inferred);
        assert!(!op.docs.is_empty());
    }
    // A list: the record shown twice, inside a container holding nothing else.
    let list = &s.operations[0];
    let result = strukt(&m, &list.output.ty);
    assert_eq!(names(result), ["LoanList_RetrieveResult", "recordStart", "moreRecords"]);
    let TypeRef::Wrapped(loans) = &field(result, "LoanList_RetrieveResult").ty else {
        panic!("not a list")
    };
    assert_eq!(loans.item.local, "LoanDetails");
    let details = strukt(&m, &loans.item_ty);
    assert_eq!(names(details), ["loanId", "isbn", "title", "dueOn", "renewals", "fines"]);
    assert_eq!(field(details, "dueOn").ty, TypeRef::Primitive(Primitive::DateTime));
    // Items shown only as nil: their content is unknown, so raw XML that may be nil.
    let TypeRef::Wrapped(fines) = &field(details, "fines").ty else { panic!("not a list") };
    assert_eq!((&fines.item_ty, fines.item_nillable), (&TypeRef::RawXml, true));
    // A nested object, an "A or B or C" enum, an empty element (not expanded: raw XML).
    let loan = strukt(&m, &strukt(&m, &s.operations[1].output.ty).fields[0].ty);
    assert_eq!(field(loan, "lateFee").ty, TypeRef::Primitive(Primitive::Decimal));
    let state = enumeration(&m, &field(loan, "state").ty);
    let values: Vec<&str> = state.variants.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(values, ["Active", "Returned", "Overdue"]);
    assert_eq!(field(loan, "state").occurs, Occurs::Required, "enums are value types");
    assert_eq!(names(strukt(&m, &field(loan, "borrower").ty)), ["memberId", "name", "email"]);
    let history = field(loan, "history");
    assert_eq!(
        (&history.ty, history.docs.0.as_slice()),
        (&TypeRef::RawXml, &[infer::UNSHOWN_DOC.to_owned()][..])
    );
    // The parameter list documents the request's fields; a bare type adds nothing.
    let input = strukt(&m, &s.operations[2].input.ty);
    assert_eq!(field(input, "branchId").docs.0, ["number of the branch the member belongs to"]);
    assert!(field(input, "memberId").docs.is_empty());
    assert_eq!(field(input, "sessionId").occurs, Occurs::Optional, "strings are references");
    assert!(m.warnings.is_empty(), "{:?}", m.warnings);
}

/// The three Markdown pages of the shared corpus (a real vendor's), read where they lie.
#[test]
#[ignore = "needs the shared corpus (SOAPGEN_CORPUS); run by cargo xtask test when present"]
fn corpus_markdown_pages_share_one_service() {
    let sources: Vec<Source> = [
        "CatalystCRM_Case_Retrieve.md",
        "CatalystCRM_Contact_IsLoggedIn.md",
        "CatalystCRM_OrderList_Retrieve.md",
    ]
    .iter()
    .map(|n| {
        Source::from_path(&testkit::corpus::file(&format!("samples/asmx_help_md/{n}"))).unwrap()
    })
    .collect();
    let m = read_sources(&sources).unwrap();
    assert_eq!(dump(&m), dump(&read_sources(&sources).unwrap()), "deterministic");
    assert_eq!(m.services.len(), 1);
    let s = &m.services[0];
    assert_eq!(s.name, "CatalystCRMWebservice");
    let ops: Vec<&str> = s.operations.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(ops, ["Case_Retrieve", "Contact_IsLoggedIn", "OrderList_Retrieve"]);
    for op in &s.operations {
        assert_eq!(op.bindings.len(), 1);
        assert!(op.bindings[0].action_inferred);
        assert!(!op.docs.is_empty());
    }
    let orders = &s.operations[2];
    let result = strukt(&m, &orders.output.ty);
    assert_eq!(names(result), ["OrderList_RetrieveResult", "recordStart", "moreRecords"]);
    let TypeRef::Wrapped(list) = &field(result, "OrderList_RetrieveResult").ty else {
        panic!("not a list")
    };
    assert_eq!(list.item.local, "OrderDetails");
    let details = strukt(&m, &list.item_ty);
    assert_eq!(details.fields.len(), 31);
    let TypeRef::Wrapped(products) = &field(details, "products").ty else { panic!() };
    assert_eq!((&products.item_ty, products.item_nillable), (&TypeRef::RawXml, true));
    let input = strukt(&m, &s.operations[0].input.ty);
    assert_eq!(field(input, "siteId").docs.0, ["ID of the site"]);
    assert!(field(input, "caseId").docs.is_empty());
}

#[test]
fn dumps_are_deterministic_and_snapshotted() {
    for name in SEEDS {
        let once = dump(&seed(name));
        assert_eq!(once, dump(&seed(name)));
        insta::assert_snapshot!(name, once);
    }
    for name in MARKDOWN {
        let once = dump(&read_sources(&[markdown(name)]).unwrap());
        assert_eq!(once, dump(&read_sources(&[markdown(name)]).unwrap()));
        insta::assert_snapshot!(name, once);
    }
}

#[test]
fn pages_of_one_service_merge_in_input_order() {
    let a = seed(SEEDS[0]);
    let both = read_sources(&[sample(SEEDS[4]), sample(SEEDS[0])]).unwrap();
    assert_eq!(both.services.len(), 2, "different endpoints stay apart");
    assert_eq!(both.services[1].name, a.services[0].name);
}

fn error(name: &str, text: &str) -> String {
    read_sources(&[Source::new(name, text)]).unwrap_err().summary()
}

const EXPECTED: &str = "expected a SOAP help page, ServiceStack metadata page, documentation with SOAP envelopes, raw SOAP envelope or WSDL";

#[test]
fn unrelated_inputs_are_refused_where_they_start() {
    let e = error("e.txt", "");
    assert!(e.starts_with(&format!("e.txt:1:1: {EXPECTED}, found an empty file")), "{e}");
    let e = error("j.json", "\n  {\"a\": 1}");
    assert!(e.starts_with(&format!("j.json:2:3: {EXPECTED}, found JSON")), "{e}");
    let e = error("h.html", "<!DOCTYPE html>\n<html><body><p>Server Error</p></body></html>");
    assert!(e.starts_with("h.html:1:1: ") && e.contains("HTML page without SOAP samples"), "{e}");
    let e = error("h2.html", "<html>\n<body>Service unavailable<br></body></html>");
    assert!(e.contains("HTML page without SOAP samples"), "{e}");
    let e = error("b.bin", "ab\u{0}\u{1}");
    assert!(e.starts_with(&format!("b.bin:1:3: {EXPECTED}, found binary data")), "{e}");
    let e = error("t.txt", "Just some notes.\n");
    assert!(e.starts_with(&format!("t.txt:1:1: {EXPECTED}, found text")), "{e}");
    let e = error("x.xml", "<?xml version=\"1.0\"?>\n<config/>");
    assert!(e.starts_with("x.xml:2:1: ") && e.contains("root is <config>"), "{e}");
}

#[test]
fn descriptions_are_recognised_by_content() {
    let e = error(
        "s.txt",
        "<?xml version=\"1.0\"?>\n<wsdl:definitions xmlns:wsdl=\"http://schemas.xmlsoap.org/wsdl/\"/>",
    );
    assert!(e.contains("no operations found"), "{e}");
    let s = Source::new("s.txt", "<schema xmlns=\"http://www.w3.org/2001/XMLSchema\"/>");
    assert_eq!(detect(&s).unwrap(), Kind::Xsd { root: 0 });
    let e = error("s.wsdl", "<description xmlns=\"http://www.w3.org/ns/wsdl\"/>");
    assert!(e.contains("this is a WSDL 2.0 description") && e.contains("s.wsdl:1:1"), "{e}");
}

const ENVELOPE_START: &str =
    "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">\n  <soap:Body>\n";

#[test]
fn truncated_envelopes_are_located() {
    let raw = format!("{ENVELOPE_START}    <Op xmlns=\"urn:x\">\n      <a>string</a>\n");
    let e = error("r.xml", &raw);
    assert!(e.starts_with("r.xml:5:1: expected </Op> (opened at line 3)"), "{e}");
    let page = format!(
        "POST /s.asmx HTTP/1.1\nHost: h\nContent-Type: text/xml\n\n{ENVELOPE_START}    <Op xmlns=\"urn:x\">\n      <a>string</b>\nHTTP/1.1 200 OK\n"
    );
    let e = error("p.txt", &page);
    assert!(e.starts_with("p.txt:8:16: expected </a>, found </b>"), "{e}");
}

#[test]
fn doctype_is_refused_in_files_and_pages() {
    let raw = format!(
        "<!DOCTYPE x [<!ENTITY e \"boom\">]>\n{ENVELOPE_START}<Op xmlns=\"urn:x\">&e;</Op></soap:Body></soap:Envelope>"
    );
    let e = error("d.xml", &raw);
    assert!(e.starts_with("d.xml:1:1: expected no DOCTYPE"), "{e}");
    let page =
        format!("POST /s.asmx HTTP/1.1\nContent-Type: text/xml\n\n<?xml version=\"1.0\"?>\n{raw}");
    let e = error("d.txt", &page);
    assert!(e.starts_with("d.txt:5:1: expected no DOCTYPE"), "{e}");
}

#[test]
fn raw_envelopes_pair_up_by_operation() {
    let request = format!(
        "{ENVELOPE_START}    <GetUser xmlns=\"urn:users\">\n      <id>42</id>\n      <name>string</name>\n    </GetUser>\n  </soap:Body>\n</soap:Envelope>\n"
    );
    let response = format!(
        "{ENVELOPE_START}    <GetUserResponse xmlns=\"urn:users\">\n      <active>true</active>\n    </GetUserResponse>\n  </soap:Body>\n</soap:Envelope>\n"
    );
    let m = read_sources(&[Source::new("req.xml", request), Source::new("resp.xml", response)])
        .unwrap();
    let s = &m.services[0];
    assert_eq!((s.name.as_str(), s.endpoints.len()), ("users", 0));
    let op = only_op(&m);
    assert_eq!(op.name, "GetUser");
    assert_eq!(op.bindings[0].action.as_deref(), Some("urn:users/GetUser"));
    assert!(op.bindings[0].action_inferred);
    let input = strukt(&m, &op.input.ty);
    assert_eq!(field(input, "id").ty, TypeRef::Primitive(Primitive::Long));
    assert_eq!(field(input, "name").ty, STRING);
    assert_eq!(
        field(strukt(&m, &op.output.ty), "active").ty,
        TypeRef::Primitive(Primitive::Boolean)
    );
    assert!(
        m.warnings.iter().any(|w| w.message == "typed from the example value '42' as long"
            && &*w.at.file == "req.xml")
    );
}

#[test]
fn placeholders_lists_attributes_and_repeats() {
    let page = "POST /a/Svc.asmx HTTP/1.1\nHost: h\nContent-Type: text/xml; charset=utf-8\nSOAPAction: \"urn:t/Op\"\n\n\
        <soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>\n\
        <Op xmlns=\"urn:t\">\n\
          <ids>int int ...</ids>\n\
          <item id=\"string\" kind=\"A or B\" custom-attribute=\"value\">decimal</item>\n\
          <item id=\"string\" kind=\"A or B\" custom-attribute=\"value\">decimal</item>\n\
          <names><string>string</string><string>string</string></names>\n\
          <any>xml</any>\n\
          <odd>whatever</odd>\n\
        </Op></soap:Body></soap:Envelope>\n";
    let m = read_sources(&[Source::new("p.txt", page)]).unwrap();
    let op = only_op(&m);
    let input = strukt(&m, &op.input.ty);
    assert_eq!(field(input, "ids").ty, TypeRef::List(Box::new(TypeRef::Primitive(Primitive::Int))));
    let item = field(input, "item");
    assert_eq!(item.occurs, Occurs::Many);
    let item = strukt(&m, &item.ty);
    assert!(item.any_attributes);
    assert_eq!(item.text, Some(TypeRef::Primitive(Primitive::Decimal)));
    assert_eq!(item.attributes.len(), 2);
    assert!(!item.attributes[0].required && item.attributes[1].required);
    let TypeRef::Wrapped(names) = &field(input, "names").ty else { panic!() };
    assert_eq!((names.item.local.as_str(), &names.item_ty), ("string", &STRING));
    assert_eq!(field(input, "any").ty, TypeRef::RawXml);
    assert_eq!(field(input, "odd").ty, STRING);
    assert_eq!(m.warnings.len(), 2, "{:?}", m.warnings);
    assert_eq!(m.warnings[0].message, "unrecognised placeholder 'whatever', typed as string");
    assert_eq!((m.warnings[0].at.line, &*m.warnings[0].at.file), (13, "p.txt"));
    assert_eq!(
        m.warnings[1].message,
        "no response sample for operation Op; its response is kept as raw XML"
    );
    assert_eq!(op.output.ty, TypeRef::RawXml);
    assert_eq!(op.bindings[0].action.as_deref(), Some("urn:t/Op"));
    assert!(!op.bindings[0].action_inferred);
}

#[test]
fn http_get_and_post_sections_are_read_beside_soap() {
    let mut page = sample(SEEDS[0]).text;
    page.push_str(
        "\n\nHTTP GET\n\nGET /ws/2013/ClientBackOffice_c.asmx/updateUserPassword?username=string&tries=int&tries=int HTTP/1.1\n\
         Host: ws-europlus.cangooroo.net\n\nHTTP/1.1 200 OK\nContent-Type: text/xml; charset=utf-8\n\n\
         <?xml version=\"1.0\" encoding=\"utf-8\"?>\n<boolean xmlns=\"http://ws_2013.services.cangooroo.net/\">boolean</boolean>\n\n\
         HTTP POST\n\nPOST /ws/2013/ClientBackOffice_c.asmx/updateUserPassword HTTP/1.1\n\
         Host: ws-europlus.cangooroo.net\nContent-Type: application/x-www-form-urlencoded\nContent-Length: length\n\n\
         username=string&tries=int&tries=int\n\nHTTP/1.1 200 OK\nContent-Type: text/xml; charset=utf-8\n\n\
         <?xml version=\"1.0\" encoding=\"utf-8\"?>\n<boolean xmlns=\"http://ws_2013.services.cangooroo.net/\">boolean</boolean>\n",
    );
    let mut m = read_sources(&[Source::new(SEEDS[0], page)]).unwrap();
    let s = &m.services[0];
    assert_eq!(s.endpoints.len(), 4, "{:?}", s.endpoints);
    assert!(s.endpoints.iter().all(|e| e.address == s.endpoints[0].address), "{:?}", s.endpoints);
    let op = only_op(&m);
    let protocols: Vec<Protocol> = op.bindings.iter().map(|b| b.protocol).collect();
    assert_eq!(
        protocols,
        [Protocol::Soap11, Protocol::Soap12, Protocol::HttpGet, Protocol::HttpPost]
    );
    // The SOAP sample's messages are the operation's; the HTTP ones are the binding's.
    assert_eq!(op.output.element.local, "updateUserPasswordResponse");
    for b in &op.bindings[2..] {
        assert_eq!(b.path.as_deref(), Some("/updateUserPassword"));
        let own = b.messages.as_ref().expect("HTTP messages of its own");
        assert_eq!(own.output.element.local, "boolean");
        assert_eq!(own.output.ty, TypeRef::Primitive(Primitive::Boolean));
        let input = strukt(&m, &own.input.ty);
        assert_eq!(names(input), ["username", "tries"]);
        assert_eq!(field(input, "tries").occurs, Occurs::Many);
        assert_eq!(field(input, "tries").ty, TypeRef::Primitive(Primitive::Int));
    }
    // By default an operation with SOAP keeps SOAP alone: the model is the page's without
    // the HTTP sections.
    crate::http_methods::select(&mut m, crate::HttpMethods::Auto);
    let mut plain = seed(SEEDS[0]);
    crate::http_methods::select(&mut plain, crate::HttpMethods::Auto);
    let types = |m: &Model| m.types.len();
    assert_eq!(m.services, plain.services);
    assert_eq!(types(&m), types(&plain) + 1, "the HTTP parameters' struct");
}

#[test]
fn pages_documented_only_by_http_get_and_post() {
    let page = "Orders\n\nHTTP GET\nGET /shop/Orders.asmx/Find?customer=string&since=dateTime&status=Open+or+Closed HTTP/1.1\nHost: shop.example\n\n\
        HTTP/1.1 200 OK\nContent-Type: text/xml; charset=utf-8\n\n<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
        <ArrayOfOrder xmlns=\"urn:shop\">\n  <Order><Id>int</Id><Total>decimal</Total></Order>\n  <Order><Id>int</Id><Total>decimal</Total></Order>\n</ArrayOfOrder>\n";
    let m = read_sources(&[Source::new("find.txt", page)]).unwrap();
    let s = &m.services[0];
    assert_eq!(s.name, "Orders");
    assert_eq!(s.endpoints[0].address, "http://shop.example/shop/Orders.asmx");
    let op = only_op(&m);
    assert_eq!(op.name, "Find");
    assert_eq!(op.bindings[0].protocol, Protocol::HttpGet);
    assert!(op.bindings[0].messages.is_none());
    let input = strukt(&m, &op.input.ty);
    assert_eq!(names(input), ["customer", "since", "status"]);
    assert_eq!(field(input, "since").ty, TypeRef::Primitive(Primitive::DateTime));
    let values: Vec<&str> = enumeration(&m, &field(input, "status").ty)
        .variants
        .iter()
        .map(|v| v.value.as_str())
        .collect();
    assert_eq!(values, ["Open", "Closed"]);
    assert_eq!(op.output.element, QName::new("urn:shop", "ArrayOfOrder"));
    let orders = strukt(&m, &op.output.ty);
    assert_eq!(field(orders, "Order").occurs, Occurs::Many);
}

#[test]
fn deep_nesting_stays_within_limits() {
    let depth = 500;
    let inner = format!("{}string{}", "<a>".repeat(depth), "</a>".repeat(depth));
    let raw =
        format!("{ENVELOPE_START}<Op xmlns=\"urn:x\">{inner}</Op></soap:Body></soap:Envelope>");
    let m = read_sources(&[Source::new("deep.xml", raw)]).unwrap();
    // One struct per level that has a child (the innermost <a> holds text).
    assert_eq!(m.types.len(), depth);
    let too_deep = format!(
        "{ENVELOPE_START}<Op xmlns=\"urn:x\">{}</Op></soap:Body></soap:Envelope>",
        "<a>".repeat(600)
    );
    assert!(
        error("deep.xml", &too_deep).contains("expected at most 512 levels of nested elements")
    );
}

#[test]
fn faults_are_not_operations() {
    let raw = format!(
        "{ENVELOPE_START}<soap:Fault><faultcode>soap:Server</faultcode></soap:Fault></soap:Body></soap:Envelope>"
    );
    let e = error("f.xml", &raw);
    assert!(
        e.starts_with("f.xml:3:1: expected a request or response in the body, found a SOAP Fault"),
        "{e}"
    );
}

#[test]
fn servicestack_tables_decide_types() {
    let page = "Shop API\n\nGetOrders\n\n\
        GetOrders Parameters:\n\
        Name\tParameter\tData Type\tRequired\tDescription\n\
        Limit\tquery\tint\tYes\tHow many\n\
        Tags\tbody\tList<string>\tNo\t\n\
        Extra\tbody\tDictionary<string,string>\tNo\tFree-form\n\
        \nHTTP + XML\n\n\
        POST /xml/reply/GetOrders HTTP/1.1\nHost: shop.example\nContent-Type: application/xml\n\n\
        <GetOrders xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns=\"http://schemas.datacontract.org/2004/07/Shop\">\n\
          <Extra xmlns:d2p1=\"http://schemas.microsoft.com/2003/10/Serialization/Arrays\">\n\
            <d2p1:KeyValueOfstringstring><d2p1:Key>String</d2p1:Key><d2p1:Value>String</d2p1:Value></d2p1:KeyValueOfstringstring>\n\
          </Extra>\n\
          <Limit>0</Limit>\n\
          <Offset>0</Offset>\n\
          <Since>0001-01-01T00:00:00</Since>\n\
          <Tags xmlns:d2p1=\"http://schemas.microsoft.com/2003/10/Serialization/Arrays\"><d2p1:string>String</d2p1:string></Tags>\n\
        </GetOrders>\n\
        HTTP/1.1 200 OK\nContent-Type: application/xml\n\n<GetOrdersResponse xmlns=\"http://schemas.datacontract.org/2004/07/Shop\"><Total>0</Total></GetOrdersResponse>\n";
    let m = read_sources(&[Source::new("shop.txt", page)]).unwrap();
    let op = only_op(&m);
    assert_eq!(m.services[0].name, "Shop API");
    let input = strukt(&m, &op.input.ty);
    let limit = field(input, "Limit");
    assert_eq!(
        (&limit.ty, limit.occurs, limit.docs.0[0].as_str()),
        (&TypeRef::Primitive(Primitive::Int), Occurs::Required, "How many")
    );
    let offset = field(input, "Offset");
    assert_eq!(
        (&offset.ty, offset.occurs, offset.nillable),
        (&TypeRef::Primitive(Primitive::Long), Occurs::Optional, true)
    );
    assert_eq!(field(input, "Since").ty, TypeRef::Primitive(Primitive::DateTime));
    let TypeRef::Wrapped(tags) = &field(input, "Tags").ty else { panic!() };
    assert_eq!((tags.item.local.as_str(), &tags.item_ty), ("string", &STRING));
    let TypeRef::Wrapped(extra) = &field(input, "Extra").ty else { panic!() };
    assert_eq!(names(strukt(&m, &extra.item_ty)), ["Key", "Value"]);
    let numbers: Vec<&str> = m
        .warnings
        .iter()
        .filter(|w| w.message.contains("shows 0"))
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(numbers.len(), 2, "Offset and Total: {numbers:?}");
    assert!(numbers[0].starts_with("<Offset>"));
    assert_eq!(op.bindings[0].path.as_deref(), Some("/xml/reply/GetOrders"));
}

#[test]
fn html_pages_documented_only_by_http_get_and_post() {
    let page = r#"<html><head><title>Forms Web Service</title></head><body><div id="content">
<p class="heading1">Forms</p><br>
<h2>IsEven</h2><p class="intro">Tells whether n is even.</p>
<span><h3>HTTP GET</h3>
<p>The following is a sample HTTP GET request and response.  The <font class=value>placeholders</font> shown need to be replaced with actual values.</p>
<pre>GET /Forms.asmx/IsEven?n=<font class=value>string</font> HTTP/1.1
Host: 127.0.0.1
</pre>
<pre>HTTP/1.1 200 OK
Content-Type: text/xml; charset=utf-8
Content-Length: <font class=value>length</font>

&lt;?xml version="1.0" encoding="utf-8"?&gt;
&lt;IsEvenResponse xmlns="urn:soapgen:forms"&gt;
  &lt;IsEvenResult&gt;<font class=value>boolean</font>&lt;/IsEvenResult&gt;
&lt;/IsEvenResponse&gt;</pre>
</span>
<span><h3>HTTP POST</h3>
<pre>POST /Forms.asmx/IsEven HTTP/1.1
Host: 127.0.0.1
Content-Type: application/x-www-form-urlencoded
Content-Length: <font class=value>length</font>

n=<font class=value>string</font></pre>
<pre>HTTP/1.1 200 OK
Content-Type: text/xml; charset=utf-8
Content-Length: <font class=value>length</font>

&lt;?xml version="1.0" encoding="utf-8"?&gt;
&lt;IsEvenResponse xmlns="urn:soapgen:forms"&gt;
  &lt;IsEvenResult&gt;<font class=value>boolean</font>&lt;/IsEvenResult&gt;
&lt;/IsEvenResponse&gt;</pre>
</span></div></body></html>
"#;
    let m = read_sources(&[Source::new("IsEven.html", page)]).unwrap();
    let op = only_op(&m);
    let protocols: Vec<Protocol> = op.bindings.iter().map(|b| b.protocol).collect();
    assert_eq!(protocols, [Protocol::HttpGet, Protocol::HttpPost]);
    assert_eq!(m.services[0].endpoints[0].address, "http://127.0.0.1/Forms.asmx");
    // Positions are the HTML file's: the request line and the parameter.
    assert_eq!((op.provenance.line, op.provenance.column), (6, 6));
    let n = field(strukt(&m, &op.input.ty), "n");
    assert_eq!((n.provenance.line, &n.ty), (6, &STRING));
    let result = field(strukt(&m, &op.output.ty), "IsEvenResult");
    assert_eq!((result.provenance.line, &result.ty), (15, &TypeRef::Primitive(Primitive::Boolean)));
}

#[test]
fn pages_without_usable_samples_say_what_they_lack() {
    let put_only = "Svc\nPUT /s.asmx/Op HTTP/1.1\nHost: h\n\nHTTP/1.1 200 OK\n";
    let e = error("p.txt", put_only);
    assert!(e.starts_with("p.txt:2:1: expected a SOAP 1.1 or SOAP 1.2 sample"), "{e}");
    let json_only =
        "Api\nPOST /json/reply/X HTTP/1.1\nHost: h\nContent-Type: application/xml\n\n{\"A\":0}\n";
    let e = error("j.txt", json_only);
    assert!(e.starts_with("j.txt:2:1: expected an HTTP + XML sample"), "{e}");
}

/// Seed 003's operation as a WSDL states it (with `password` typed differently).
fn zoolz_wsdl(operation: &str) -> Source {
    let text = format!(
        r#"<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/"
             xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:t="Zoolz" targetNamespace="Zoolz">
  <types><xs:schema targetNamespace="Zoolz" elementFormDefault="qualified">
    <xs:element name="{operation}"><xs:complexType><xs:sequence>
      <xs:element name="authToken" type="xs:string"/><xs:element name="email" type="xs:string"/>
      <xs:element name="password" type="xs:int"/></xs:sequence></xs:complexType></xs:element>
    <xs:element name="{operation}Response"><xs:complexType><xs:sequence>
      <xs:element name="{operation}Result" type="xs:int"/></xs:sequence></xs:complexType></xs:element>
  </xs:schema></types>
  <message name="In"><part name="p" element="t:{operation}"/></message>
  <message name="Out"><part name="p" element="t:{operation}Response"/></message>
  <portType name="P"><operation name="{operation}"><input message="t:In"/><output message="t:Out"/></operation></portType>
  <binding name="B" type="t:P"><soap12:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="{operation}"><soap12:operation soapAction="Zoolz/{operation}"/>
      <input><soap12:body use="literal"/></input><output><soap12:body use="literal"/></output></operation>
  </binding>
  <service name="Reseller"><port name="P" binding="t:B"><soap12:address location="https://zoolz.com/svc.asmx"/></port></service>
</definitions>"#
    );
    Source::new("zoolz.wsdl", text)
}

#[test]
fn a_wsdl_wins_over_a_sample_page_which_adds_its_docs() {
    // Page first: the order of inputs does not matter.
    let m = read_sources(&[sample(SEEDS[3]), zoolz_wsdl("ResetPassword")]).unwrap();
    assert_eq!(m.services.len(), 1);
    let s = &m.services[0];
    assert_eq!(s.name, "Reseller");
    assert_eq!(s.endpoints[0].address, "https://zoolz.com/svc.asmx");
    assert!(s.docs.0.iter().all(|d| !d.contains("Host header")), "{:?}", s.docs);
    let op = only_op(&m);
    assert_eq!(field(strukt(&m, &op.input.ty), "password").ty, TypeRef::Primitive(Primitive::Int));
    assert!(op.docs.0.iter().any(|d| d.contains("Invalid Authentication Token")), "{:?}", op.docs);

    // Sharing no operation, the page's service stays a service of its own.
    let m = read_sources(&[zoolz_wsdl("Other"), sample(SEEDS[3])]).unwrap();
    let names: Vec<&str> = m.services.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert_eq!(m.services[0].name, "Reseller");
}
