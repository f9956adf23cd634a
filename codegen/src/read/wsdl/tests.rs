//! The reader against the small documents in `samples/wsdl_*`, each written to pin one
//! group of constructs, and against the shared corpus of real WSDLs (those tests are
//! ignored unless asked for: `cargo xtask test` runs them when the corpus is present).

use std::collections::BTreeMap;
use std::path::Path;

use super::*;
use crate::ir::*;

const SAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../samples/");

struct Read {
    model: Model,
    files: Vec<String>,
}

fn read_file(path: &str, loader: &dyn Loader) -> Read {
    let src = Source::from_path(Path::new(path)).unwrap();
    let mut model = Model::default();
    let files = read_wsdl(&src, loader, false, &mut model).unwrap_or_else(|e| panic!("{e}"));
    Read { model, files }
}

/// Reads a corpus entry point, printing a summary; panics when the corpus is not there
/// (see `testkit::corpus`).
fn corpus(path: &str, loader: &dyn Loader) -> Read {
    let full = testkit::corpus::file(path);
    let started = std::time::Instant::now();
    let r = read_file(full.to_str().expect("a UTF-8 corpus path"), loader);
    let m = &r.model;
    let ops: usize = m.services.iter().map(|s| s.operations.len()).sum();
    eprintln!(
        "{path}: {} file(s), {} service(s), {ops} operation(s), {} type(s), {} warning(s), {:?}",
        r.files.len(),
        m.services.len(),
        m.types.len(),
        m.warnings.len(),
        started.elapsed()
    );
    r
}

fn sample(path: &str) -> Read {
    read_file(&format!("{SAMPLES}{path}"), &FsLoader::new())
}

/// The manifest's WCF location map.
fn bookt_loader() -> FsLoader {
    let base = testkit::corpus::dir().join("wcf/bookt");
    let url = "http://connect.bookt.com/svc/connect.svc";
    let mut loader = FsLoader::new();
    loader.map(format!("{url}?wsdl=wsdl1"), base.join("bookt2.wsdl"));
    loader.map(format!("{url}?wsdl=wsdl0"), base.join("bookt3.wsdl"));
    for n in 0..16 {
        loader.map(format!("{url}?xsd=xsd{n}"), base.join(format!("bookt{n}.xsd")));
    }
    loader
}

fn op<'m>(m: &'m Model, name: &str) -> &'m Operation {
    m.services
        .iter()
        .flat_map(|s| &s.operations)
        .find(|o| o.name == name)
        .unwrap_or_else(|| panic!("no operation {name}"))
}

fn id_of(m: &Model, ns: &str, local: &str) -> TypeId {
    let i = m.types.iter().position(|t| t.name == QName::new(ns, local));
    TypeId(i.unwrap_or_else(|| panic!("no type {{{ns}}}{local}")) as u32)
}

fn st(m: &Model, id: TypeId) -> &StructDef {
    match &m.ty(id).kind {
        TypeKind::Struct(s) => s,
        other => panic!("{} is not a struct: {other:?}", m.ty(id).name.local),
    }
}

fn strukt<'m>(m: &'m Model, ns: &str, local: &str) -> &'m StructDef {
    st(m, id_of(m, ns, local))
}

fn field<'s>(s: &'s StructDef, local: &str) -> &'s Field {
    s.fields.iter().find(|f| f.name.local == local).unwrap_or_else(|| panic!("no field {local}"))
}

fn locals(fields: &[Field]) -> Vec<&str> {
    fields.iter().map(|f| f.name.local.as_str()).collect()
}

fn named(ty: &TypeRef) -> TypeId {
    match ty {
        TypeRef::Named(id) => *id,
        other => panic!("not a named type: {other:?}"),
    }
}

fn alternatives(m: &Model, ty: &TypeRef) -> Vec<String> {
    match &m.ty(named(ty)).kind {
        TypeKind::Choice(c) => c.alternatives.iter().map(|a| a.name.local.clone()).collect(),
        other => panic!("not a choice: {other:?}"),
    }
}

fn values(m: &Model, id: TypeId) -> Vec<&str> {
    match &m.ty(id).kind {
        TypeKind::Enum(e) => e.variants.iter().map(|v| v.value.as_str()).collect(),
        other => panic!("not an enum: {other:?}"),
    }
}

fn wrapped(ty: &TypeRef) -> &WrappedList {
    match ty {
        TypeRef::Wrapped(w) => w,
        other => panic!("not a wrapped list: {other:?}"),
    }
}

fn protocols(o: &Operation) -> Vec<Protocol> {
    o.bindings.iter().map(|b| b.protocol).collect()
}

fn warned(m: &Model, needle: &str) -> bool {
    m.warnings.iter().any(|w| w.message.contains(needle))
}

// ---- corpus ----

#[test]
#[ignore = "needs the shared corpus (SOAPGEN_CORPUS); run by cargo xtask test when present"]
fn convert_temperature() {
    let r = corpus("asmx/ConvertTemperature/ConvertTemperature.wsdl", &FsLoader::new());
    let m = &r.model;
    assert_eq!(m.warnings, []);
    let s = &m.services[0];
    assert_eq!((s.name.as_str(), s.operations.len()), ("ConvertTemperature", 1));
    let http = [Protocol::Soap11, Protocol::Soap12, Protocol::HttpGet, Protocol::HttpPost];
    assert_eq!(s.endpoints.iter().map(|e| e.protocol).collect::<Vec<_>>(), http);
    let o = op(m, "ConvertTemp");
    assert_eq!(protocols(o), http);
    // ASP.NET's HTTP parameters are all `s:string`: the typed SOAP request is shared; the
    // response is the bare `<double>`.
    let get = o.bindings[2].messages.as_ref().expect("its own response");
    assert_eq!((&get.input, get.output.element.local.as_str()), (&o.input, "double"));
    assert_eq!(o.bindings[2].path.as_deref(), Some("/ConvertTemp"));
    assert_eq!(o.bindings[0].action.as_deref(), Some("http://www.webserviceX.NET/ConvertTemp"));
    assert_eq!(o.input.element, QName::new("http://www.webserviceX.NET/", "ConvertTemp"));
    let input = st(m, named(&o.input.ty));
    assert_eq!(locals(&input.fields), ["Temperature", "FromUnit", "ToUnit"]);
    assert_eq!(
        input.fields[0].name.namespace, "http://www.webserviceX.NET/",
        "elementFormDefault=qualified"
    );
    assert_eq!(input.fields[0].ty, TypeRef::Primitive(Primitive::Double));
    let unit = named(&input.fields[1].ty);
    assert_eq!(
        values(m, unit),
        ["degreeCelsius", "degreeFahrenheit", "degreeRankine", "degreeReaumur", "kelvin"]
    );
    assert_eq!(o.provenance.line, 57);
}

#[test]
#[ignore = "needs the shared corpus (SOAPGEN_CORPUS); run by cargo xtask test when present"]
fn number_conversion() {
    let r = corpus("asmx/NumberConversion/NumberConversion.wsdl", &FsLoader::new());
    let m = &r.model;
    let o = op(m, "NumberToWords");
    // soapAction="": SOAP 1.1 still sends an (empty) SOAPAction, SOAP 1.2 no action.
    assert_eq!(
        o.bindings.iter().map(|b| b.action.clone()).collect::<Vec<_>>(),
        [Some(String::new()), None]
    );
    assert!(
        o.docs.0[0].starts_with("Returns the word corresponding to the positive number"),
        "{:?}",
        o.docs
    );
    assert_eq!(
        field(st(m, named(&o.input.ty)), "ubiNum").ty,
        TypeRef::Primitive(Primitive::UnsignedLong)
    );
    assert!(m.services[0].docs.0[0].starts_with("The Number Conversion Web Service"));
    assert_eq!(m.services[0].operations.len(), 2);
}

#[test]
#[ignore = "needs the shared corpus (SOAPGEN_CORPUS); run by cargo xtask test when present"]
fn taxcloud() {
    let r = corpus("asmx/TaxCloud/TaxCloud.wsdl", &FsLoader::new());
    let m = &r.model;
    assert_eq!(m.services[0].operations.len(), 13);
    let ns = "http://taxcloud.net";
    let verified = strukt(m, ns, "VerifiedAddress");
    assert_eq!(verified.base, Some(id_of(m, ns, "Address")));
    assert_eq!(
        locals(&verified.fields),
        ["Address1", "Address2", "City", "State", "Zip5", "Zip4", "ErrNumber", "ErrDescription"],
        "base fields first"
    );
    let items = wrapped(&field(strukt(m, ns, "LookupForDate"), "cartItems").ty);
    assert_eq!(items.item, QName::new(ns, "CartItem"));
    assert_eq!(items.item_ty, TypeRef::Named(id_of(m, ns, "CartItem")));
    assert!(items.item_nillable);
    assert!(
        m.types.iter().all(|t| !t.name.local.starts_with("ArrayOf")),
        "ArrayOfX types are lists, not structs"
    );
    assert_eq!(values(m, id_of(m, ns, "State")).len(), 51);
}

#[test]
#[ignore = "needs the shared corpus (SOAPGEN_CORPUS); run by cargo xtask test when present"]
fn ferry_headers() {
    let r = corpus("asmx/WSF_Schedule_ferry/ferry.wsdl", &FsLoader::new());
    let m = &r.model;
    let s = &m.services[0];
    assert_eq!((s.name.as_str(), s.operations.len()), ("WSF_x0020_Schedule", 23));
    let ns = "http://www.wsdot.wa.gov/ferries/schedule/";
    let header = id_of(m, ns, "APIAccessHeader");
    // Every operation but GetCacheFlushDate takes the header.
    let with: Vec<&Operation> = s.operations.iter().filter(|o| !o.headers.is_empty()).collect();
    assert_eq!(with.len(), 22);
    assert!(op(m, "GetCacheFlushDate").headers.is_empty());
    for o in with {
        assert_eq!(o.headers.len(), 1, "{}", o.name);
        assert_eq!(o.headers[0].element, QName::new(ns, "APIAccessHeader"));
        assert_eq!(o.headers[0].ty, TypeRef::Named(header));
        assert!(!o.headers[0].required);
    }
    assert!(st(m, header).any_attributes);
    assert_eq!(st(m, header).fields[0].occurs, Occurs::Optional);
}

#[test]
#[ignore = "needs the shared corpus (SOAPGEN_CORPUS); run by cargo xtask test when present"]
fn tradetracker_rpc_encoded() {
    let r = corpus("rpc_encoded/TradeTracker_AffiliateService/tradetracker.wsdl", &FsLoader::new());
    let m = &r.model;
    assert_eq!(m.warnings, []);
    let s = &m.services[0];
    assert_eq!(s.operations.len(), 26);
    assert!(s.operations.iter().all(|o| o.bindings[0].style == BindingStyle::RpcEncoded));
    let ns = "https://ws.tradetracker.com/soap/affiliate";
    let o = op(m, "getCampaigns");
    assert_eq!(o.output.element, QName::new(ns, "getCampaignsResponse"));
    assert!(o.docs.0.iter().any(|d| d.contains("rpc/encoded")));
    let out = st(m, named(&o.output.ty));
    let list = wrapped(&out.fields[0].ty);
    assert_eq!(
        (out.fields[0].name.clone(), list.item.clone()),
        (QName::new("", "campaigns"), QName::new("", "item"))
    );
    assert_eq!(list.item_ty, TypeRef::Named(id_of(m, ns, "Campaign")));
    let input = st(m, named(&o.input.ty));
    assert_eq!(locals(&input.fields), ["affiliateSiteID", "options"]);
    assert!(input.fields[0].nillable, "encoded accessors may be nil");
    assert_eq!(values(m, id_of(m, ns, "Locale"))[0], "nl_BE");
    assert_eq!(strukt(m, ns, "AffiliateSite").fields[0].ty, TypeRef::Primitive(Primitive::Integer));
}

#[test]
#[ignore = "needs the shared corpus (SOAPGEN_CORPUS); run by cargo xtask test when present"]
fn telefonkatalogen_rpc_literal() {
    let r = corpus("rpc_literal/telefonkatalogen_SendSms/telefonkatalogen.wsdl", &FsLoader::new());
    let m = &r.model;
    let o = op(m, "sendsms");
    assert_eq!(o.bindings[0].style, BindingStyle::RpcLiteral);
    assert_eq!(o.bindings[0].action.as_deref(), Some("sendsms"));
    // No soap:body namespace: the wrapper takes the definitions' target namespace.
    let ns = "http://bedrift.telefonkatalogen.no";
    assert_eq!(o.input.element, QName::new(ns, "sendsms"));
    assert_eq!(o.output.element, QName::new(ns, "sendsmsResponse"));
    let input = st(m, named(&o.input.ty));
    assert_eq!(input.fields.len(), 9);
    assert_eq!(input.fields[0].name, QName::new("", "sender"), "parts are unqualified");
    assert_eq!(input.fields[0].ty, TypeRef::Primitive(Primitive::String));
    assert_eq!(
        m.services[0].docs.0,
        ["Interfaces to telephone directory services, using rpc/literal"]
    );
}

#[test]
#[ignore = "needs the shared corpus (SOAPGEN_CORPUS); run by cargo xtask test when present"]
fn onvif_device() {
    let r = corpus("onvif/ver10/device/wsdl/devicemgmt.wsdl", &FsLoader::new());
    let m = &r.model;
    assert_eq!(r.files.len(), 3);
    assert!(r.files.iter().any(|f| f.ends_with("onvif/ver10/schema/common.xsd")), "{:?}", r.files);
    let s = &m.services[0];
    assert_eq!((s.name.as_str(), s.operations.len(), s.endpoints.len()), ("Device", 103, 0));
    assert!(s.operations.iter().all(|o| protocols(o) == [Protocol::Soap12]));
    for remote in ["xmlmime", "soap-envelope", "b-2.xsd", "xop/include"] {
        assert!(warned(m, remote), "no warning for {remote}");
    }
    assert!(warned(m, "no wsdl:service names an address"));
    let tt = "http://www.onvif.org/ver10/schema";
    // Types from the unloaded remote schemas are raw XML.
    let filter = strukt(m, tt, "MetadataConfiguration");
    assert_eq!(field(st(m, named(&field(filter, "Events").ty)), "Filter").ty, TypeRef::RawXml);
    // An extension of a type from the include keeps the base's fields first.
    let vsc = strukt(m, tt, "VideoSourceConfiguration");
    assert_eq!(vsc.base, Some(id_of(m, tt, "ConfigurationEntity")));
    assert_eq!(locals(&vsc.fields)[..3], ["Name", "UseCount", "SourceToken"]);
    assert!(vsc.any_attributes);
    let tds = "http://www.onvif.org/ver10/device/wsdl";
    let caps = strukt(m, tds, "SecurityCapabilities");
    let eap = caps.attributes.iter().find(|a| a.name.local == "SupportedEAPMethods").unwrap();
    assert_eq!(eap.ty, TypeRef::List(Box::new(TypeRef::Primitive(Primitive::Int))));
    let services = st(m, named(&op(m, "GetServices").output.ty));
    let service = st(m, named(&wrapped_or_field(services, "Service")));
    let capabilities = st(m, named(&field(service, "Capabilities").ty));
    assert_eq!(capabilities.fields[0].ty, TypeRef::AnyElement);
}

/// A repeated field's type, whether or not it is a list of its own.
fn wrapped_or_field(s: &StructDef, local: &str) -> TypeRef {
    let f = field(s, local);
    assert_eq!(f.occurs, Occurs::Many);
    f.ty.clone()
}

#[test]
#[ignore = "needs the shared corpus (SOAPGEN_CORPUS); run by cargo xtask test when present"]
fn bookt_wcf() {
    let r = corpus("wcf/bookt/bookt.wsdl", &bookt_loader());
    let m = &r.model;
    assert_eq!(r.files.len(), 19, "entry, two WSDLs by URL, sixteen schemas by URL");
    assert_eq!(m.warnings, []);
    let s = &m.services[0];
    assert_eq!((s.name.as_str(), s.operations.len()), ("Connect", 26));
    assert_eq!(
        s.endpoints,
        [Endpoint {
            protocol: Protocol::Soap11,
            address: "http://connect.bookt.com/svc/connect.svc".into()
        }]
    );
    let o = op(m, "GetPropertyIDs");
    assert_eq!(
        o.bindings[0].action.as_deref(),
        Some("https://connect.bookt.com/connect/IConnect/GetPropertyIDs")
    );
    let result = field(st(m, named(&o.output.ty)), "GetPropertyIDsResult");
    let ids = wrapped(&result.ty);
    assert_eq!(
        ids.item,
        QName::new("http://schemas.microsoft.com/2003/10/Serialization/Arrays", "int")
    );
    assert_eq!(ids.item_ty, TypeRef::Primitive(Primitive::Int));
    let property = field(st(m, named(&op(m, "GetProperty").output.ty)), "GetPropertyResult");
    assert_eq!(
        m.ty(named(&property.ty)).name.namespace,
        "http://connect.bookt.com/Schemas/Property.xsd"
    );
}

#[test]
#[ignore = "needs the shared corpus (SOAPGEN_CORPUS); run by cargo xtask test when present"]
fn amazon_ec2() {
    let r = corpus("large/AmazonEC2/ec2.wsdl", &FsLoader::new());
    let m = &r.model;
    assert_eq!(m.services[0].operations.len(), 151);
    let ns = "http://ec2.amazonaws.com/doc/2013-10-15/";
    let mapping = strukt(m, ns, "BlockDeviceMappingItemType");
    assert_eq!(locals(&mapping.fields), ["deviceName", "virtualNameOrEbsOrNoDevice"]);
    assert_eq!(alternatives(m, &mapping.fields[1].ty), ["virtualName", "ebs", "noDevice"]);
    assert_eq!(mapping.fields[1].occurs, Occurs::Required);
    // A named group holding a choice: a choice type named after the group.
    let describe = strukt(m, ns, "DescribeVpcAttributeType");
    let group = field(describe, "DescribeVpcAttributesGroup");
    assert_eq!(m.ty(named(&group.ty)).name, QName::new(ns, "DescribeVpcAttributesGroup"));
    assert_eq!(alternatives(m, &group.ty), ["enableDnsSupport", "enableDnsHostnames"]);
    assert!(warned(m, "mixed content"), "UserDataType is mixed");
}

#[test]
#[ignore = "needs the shared corpus (SOAPGEN_CORPUS); run by cargo xtask test when present"]
fn economic_reads_every_operation() {
    let r = corpus("large/EconomicWebService/economic.wsdl", &FsLoader::new());
    let m = &r.model;
    let s = &m.services[0];
    assert_eq!(s.operations.len(), 1511);
    assert!(s.operations.iter().all(|o| protocols(o) == [Protocol::Soap11, Protocol::Soap12]));
    let names: std::collections::BTreeSet<&str> =
        s.operations.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names.len(), 1511);
    let handle = strukt(m, "http://e-conomic.com", "TermOfPaymentHandle");
    assert_eq!(handle.fields[0].ty, TypeRef::Primitive(Primitive::Int));
}

#[test]
#[ignore = "needs the shared corpus (SOAPGEN_CORPUS); run by cargo xtask test when present"]
fn corpus_reads_deterministically() {
    let a = corpus("large/AmazonEC2/ec2.wsdl", &FsLoader::new());
    let b = corpus("large/AmazonEC2/ec2.wsdl", &FsLoader::new());
    assert!(a.model == b.model);
}

// ---- samples/wsdl_* ----

#[test]
fn constructs() {
    let r = sample("wsdl_constructs/constructs.wsdl");
    let m = &r.model;
    let ns = "urn:constructs";
    let e = strukt(m, ns, "Everything");
    assert_eq!(
        locals(&e.fields),
        [
            "ByNameOrById",
            "AddOrRemove",
            "From",
            "To",
            "On",
            "CreatedBy",
            "CreatedAt",
            "Target",
            "Size",
            "Codes",
            "Key",
            "Price",
            "Note",
            "Comment",
            "Shape",
            "Tags",
            "Local",
            "Tree",
            "Item",
            "Text",
            "Folder",
            "Nest",
            "Id",
            "Initial",
            "Anything",
            "Retries",
            "any",
        ]
    );
    let f = |local| field(e, local);
    // Choices: one alternative per element; a repeated choice is a list of choices.
    assert_eq!(alternatives(m, &f("ByNameOrById").ty), ["ByName", "ById"]);
    assert_eq!(f("ByNameOrById").occurs, Occurs::Required);
    assert_eq!(m.ty(named(&f("ByNameOrById").ty)).name, QName::new(ns, "ByNameOrById"));
    assert_eq!(f("AddOrRemove").occurs, Occurs::Many);
    // A branch of two elements: flattened into optional fields, with a warning.
    assert_eq!([f("From").occurs, f("To").occurs, f("On").occurs], [Occurs::Optional; 3]);
    assert!(warned(m, "branch of several elements"));
    // Groups: a sequence group inline, an optional choice group as its own type.
    assert_eq!(f("CreatedAt").ty, TypeRef::Primitive(Primitive::DateTime));
    assert_eq!(
        (alternatives(m, &f("Target").ty), f("Target").occurs),
        (vec!["Host".into(), "Address".into()], Occurs::Optional)
    );
    // Simple types: enum with docs, list, union (text with a note), restriction → base.
    let size = named(&f("Size").ty);
    assert_eq!(values(m, size), ["Small", "Large"]);
    assert_eq!(m.ty(size).docs.0, ["How big."]);
    assert!(
        matches!(&m.ty(size).kind, TypeKind::Enum(e) if e.variants[0].docs.0 == ["Fits in a hand."])
    );
    assert_eq!(f("Codes").ty, TypeRef::List(Box::new(TypeRef::Primitive(Primitive::Int))));
    assert_eq!(f("Key").ty, TypeRef::Primitive(Primitive::String));
    assert!(f("Key").docs.0.iter().any(|d| d.contains("union")));
    // Simple content: text plus attributes.
    let price = st(m, named(&f("Price").ty));
    assert_eq!(price.text, Some(TypeRef::Primitive(Primitive::Decimal)));
    assert_eq!(
        price.attributes.iter().map(|a| (a.name.local.as_str(), a.required)).collect::<Vec<_>>(),
        [("currency", true), ("discount", false)]
    );
    assert_eq!(price.attributes[1].ty, TypeRef::Primitive(Primitive::Decimal));
    // Nillable; element ref (qualified by its own namespace); unqualified local element.
    assert!(f("Note").nillable);
    assert_eq!((f("Comment").name.namespace.as_str(), f("Comment").occurs), (ns, Occurs::Optional));
    assert_eq!(f("Local").name, QName::new("", "Local"));
    assert_eq!(f("Size").name, QName::new(ns, "Size"));
    // Substitution group: the abstract head's field takes a choice of its members.
    assert_eq!(
        (alternatives(m, &f("Shape").ty), f("Shape").occurs),
        (vec!["Circle".into(), "Square".into()], Occurs::Many)
    );
    let shapes = strukt(m, ns, "Shapes");
    assert_eq!(
        alternatives(m, &shapes.fields[0].ty),
        ["Circle", "Square"],
        "a repeated substitution head is no plain list"
    );
    // ArrayOfX → a wrapped list with nillable items.
    let tags = wrapped(&f("Tags").ty);
    assert_eq!((tags.item.clone(), tags.item_nillable), (QName::new(ns, "Tag"), true));
    // Extension: base fields first; restriction restates its own.
    let circle = strukt(m, ns, "Circle");
    assert_eq!(
        (locals(&circle.fields), circle.base),
        (vec!["Label", "Radius"], Some(id_of(m, ns, "Shape")))
    );
    let label_only = strukt(m, ns, "LabelOnly");
    assert_eq!((label_only.fields[0].occurs, label_only.base), (Occurs::Required, None));
    // Recursion by id, directly and through a list.
    let node = id_of(m, ns, "Node");
    assert_eq!(f("Tree").ty, TypeRef::Named(node));
    assert_eq!(field(st(m, node), "Parent").ty, TypeRef::Named(node));
    assert_eq!(wrapped(&field(st(m, node), "Children").ty).item_ty, TypeRef::Named(node));
    let folder = named(&f("Folder").ty);
    assert_eq!(
        (field(st(m, folder), "Folder").ty.clone(), field(st(m, folder), "Folder").occurs),
        (TypeRef::Named(folder), Occurs::Many)
    );
    // An element holding a list of itself is a tree node: a struct with a list of its kind.
    let nest = named(&f("Nest").ty);
    assert_eq!(
        (field(st(m, nest), "Nest").ty.clone(), field(st(m, nest), "Nest").occurs),
        (TypeRef::Named(nest), Occurs::Many)
    );
    // Anonymous types are named after their elements, nested ones too.
    let item = st(m, named(&f("Item").ty));
    assert_eq!(m.ty(named(&item.fields[0].ty)).name, QName::new(ns, "Item"));
    assert_ne!(named(&item.fields[0].ty), named(&f("Item").ty));
    // Mixed content without elements is text.
    assert_eq!(st(m, named(&f("Text").ty)).text, Some(TypeRef::Primitive(Primitive::String)));
    // Microsoft's serialization types, anyType, element defaults.
    assert_eq!(f("Id").ty, TypeRef::Primitive(Primitive::Guid));
    assert_eq!(f("Initial").ty, TypeRef::Primitive(Primitive::Char));
    assert_eq!(f("Anything").ty, TypeRef::RawXml);
    assert_eq!(f("Retries").docs.0, ["Default: `3`."]);
    // Wildcards and attributes.
    assert_eq!((f("any").ty.clone(), f("any").occurs), (TypeRef::AnyElement, Occurs::Many));
    assert!(e.any_attributes);
    let attrs: Vec<(&str, bool, Option<&str>)> = e
        .attributes
        .iter()
        .map(|a| (a.name.local.as_str(), a.required, a.default.as_deref()))
        .collect();
    assert_eq!(
        attrs,
        [("version", true, None), ("revision", false, Some("A")), ("mode", false, Some("fast"))]
    );
    assert_eq!(e.attributes[0].name.namespace, "", "attributeFormDefault unqualified");
    assert_eq!(values(m, named(&e.attributes[2].ty)), ["fast", "safe"]);
    // Provenance and docs.
    assert_eq!(m.ty(id_of(m, ns, "Everything")).provenance.line, 29);
    assert_eq!(f("Size").provenance.line, 48);
    assert_eq!(op(m, "Describe").docs.0, ["Returns one of everything."]);
    // xs:all of every built-in type, in an unqualified schema.
    let b = strukt(m, "urn:constructs/builtins", "Builtins");
    assert_eq!(b.fields.len(), 46);
    assert!(b.fields.iter().all(|f| f.name.namespace.is_empty() && f.occurs == Occurs::Required));
    let ty = |local: &str| &b.fields.iter().find(|f| f.name.local == local).unwrap().ty;
    assert_eq!(ty("UnsignedLong"), &TypeRef::Primitive(Primitive::UnsignedLong));
    assert_eq!(ty("NMTOKENS"), &TypeRef::List(Box::new(TypeRef::Primitive(Primitive::String))));
    assert_eq!(ty("Guid"), &TypeRef::Primitive(Primitive::Guid));
    assert_eq!(m.warnings.len(), 1, "{:?}", m.warnings);
}

#[test]
fn rpc_literal_and_encoded() {
    let r = sample("wsdl_rpc/rpc.wsdl");
    let m = &r.model;
    assert_eq!(m.warnings, []);
    let add = op(m, "Add");
    assert_eq!(add.bindings[0].style, BindingStyle::RpcLiteral);
    assert_eq!(add.bindings[0].action.as_deref(), Some("urn:rpc#Add"));
    assert_eq!(
        (add.input.element.clone(), add.output.element.clone()),
        (QName::new("urn:rpc:calc", "Add"), QName::new("urn:rpc:calc", "AddResponse"))
    );
    let input = st(m, named(&add.input.ty));
    assert_eq!(
        input.fields.iter().map(|f| f.name.clone()).collect::<Vec<_>>(),
        [QName::new("", "a"), QName::new("", "b")]
    );
    assert!(!input.fields[0].nillable);
    let list = op(m, "List");
    assert_eq!(list.bindings[0].style, BindingStyle::RpcEncoded);
    assert_eq!(list.bindings[0].action.as_deref(), Some(""));
    let request = st(m, named(&list.input.ty));
    assert_eq!(request.fields[0].ty, TypeRef::Primitive(Primitive::String), "soapenc:string");
    assert_eq!(request.fields[1].ty, TypeRef::Primitive(Primitive::DateTime), "1999 timeInstant");
    let out = st(m, named(&list.output.ty));
    let items = wrapped(&field(out, "items").ty);
    assert_eq!(
        (items.item.clone(), items.item_ty.clone()),
        (QName::new("", "item"), TypeRef::Named(id_of(m, "urn:rpc", "Item")))
    );
    let grid = wrapped(&field(out, "grid").ty);
    assert_eq!(
        wrapped(&grid.item_ty).item_ty,
        TypeRef::Primitive(Primitive::Int),
        "int[][] is a list of lists"
    );
}

#[test]
fn headers_and_faults() {
    let r = sample("wsdl_headers_faults/headers_faults.wsdl");
    let m = &r.model;
    let o = op(m, "Transfer");
    assert_eq!(protocols(o), [Protocol::Soap12]);
    let headers: Vec<(&str, bool)> =
        o.headers.iter().map(|h| (h.element.local.as_str(), h.required)).collect();
    assert_eq!(headers, [("Auth", true), ("Trace", false)]);
    assert_eq!(o.headers[0].docs.0, ["Credentials for every call."]);
    assert_eq!(o.headers[1].ty, TypeRef::Primitive(Primitive::String));
    let faults: Vec<(&str, &str)> =
        o.faults.iter().map(|f| (f.name.as_str(), f.element.local.as_str())).collect();
    assert_eq!(faults, [("InsufficientFunds", "InsufficientFunds"), ("Locked", "AccountLocked")]);
    assert_eq!(o.faults[0].docs.0, ["The balance is too low."]);
    assert_eq!(o.faults[1].ty, TypeRef::Named(id_of(m, "urn:hf", "Lock")));
    assert_eq!(o.docs.0[0], "Moves money.");
    let replies: Vec<&str> = o.output_headers.iter().map(|h| h.element.local.as_str()).collect();
    assert_eq!(replies, ["Quota"], "the response's header blocks are read");
    assert!(!o.addressing && o.addressing_action.is_none());
}

/// `wsam:Action` / `wsaw:Action` on the input, and addressing declared by `UsingAddressing`
/// or by a (referenced or inline) `wsam:Addressing` policy.
#[test]
fn addressing_actions_and_declarations() {
    let wsdl = |binding_extra: &str, policy: &str| {
        format!(
            r##"<definitions xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:tns="urn:t" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:wsam="http://www.w3.org/2007/05/addressing/metadata" xmlns:wsaw="http://www.w3.org/2006/05/addressing/wsdl" xmlns:wsp="http://www.w3.org/ns/ws-policy" xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd" targetNamespace="urn:t">{policy}
<types><xs:schema targetNamespace="urn:t"><xs:element name="Op"/><xs:element name="OpResponse"/></xs:schema></types>
<message name="In"><part name="p" element="tns:Op"/></message><message name="Out"><part name="p" element="tns:OpResponse"/></message>
<portType name="P"><operation name="Op"><input message="tns:In" wsam:Action="urn:t:OpIn"/><output message="tns:Out"/></operation>
<operation name="Two"><input message="tns:In" wsaw:Action="urn:t:TwoIn"/><output message="tns:Out"/></operation></portType>
<binding name="B" type="tns:P">{binding_extra}<soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
<operation name="Op"><soap:operation soapAction=""/><input><soap:body use="literal"/></input><output><soap:body use="literal"/></output></operation>
<operation name="Two"><soap:operation soapAction="x"/><input><soap:body use="literal"/></input><output><soap:body use="literal"/></output></operation></binding>
<service name="S"><port name="P" binding="tns:B"><soap:address location="http://h/s"/></port></service></definitions>"##
        )
    };
    let policy = r#"<wsp:Policy wsu:Id="A"><wsp:ExactlyOne><wsp:All><wsam:Addressing><wsp:Policy/></wsam:Addressing></wsp:All></wsp:ExactlyOne></wsp:Policy>"#;
    for (extra, policy, declared) in [
        ("", "", false),
        ("<wsaw:UsingAddressing/>", "", true),
        (r##"<wsp:PolicyReference URI="#A"/>"##, policy, true),
        (r##"<wsp:PolicyReference URI="#B"/>"##, policy, false),
        (policy, "", true),
    ] {
        let m = read_text(&wsdl(extra, policy), &[]).unwrap_or_else(|e| panic!("{e}"));
        let (a, b) = (op(&m, "Op"), op(&m, "Two"));
        assert_eq!((a.addressing, b.addressing), (declared, declared), "{extra}");
        assert_eq!(a.addressing_action.as_deref(), Some("urn:t:OpIn"));
        assert_eq!(b.addressing_action.as_deref(), Some("urn:t:TwoIn"));
    }
}

#[test]
fn multi_file_and_two_protocols() {
    let r = sample("wsdl_multi/multi.wsdl");
    let m = &r.model;
    // Its HTTP GET binding names no response document.
    let warnings: Vec<&str> = m.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(warnings, ["HTTP operation 'GetCustomer' has no mime:mimeXml output: skipped"]);
    let files: Vec<&str> = r.files.iter().map(|f| f.rsplit('/').next().unwrap()).collect();
    assert_eq!(
        files,
        ["multi.wsdl", "interface.wsdl", "orders.xsd", "customers.xsd", "common.xsd"],
        "each file once"
    );
    let s = &m.services[0];
    assert_eq!(
        s.endpoints.iter().map(|e| e.protocol).collect::<Vec<_>>(),
        [Protocol::Soap11, Protocol::Soap12]
    );
    assert_eq!(s.operations.len(), 2);
    let get = op(m, "GetCustomer");
    assert_eq!(protocols(get), [Protocol::Soap11, Protocol::Soap12]);
    assert_eq!(get.bindings[1].action, None);
    assert_eq!(get.provenance.file.rsplit('/').next(), Some("interface.wsdl"));
    // Two Address types, one per namespace.
    let orders = strukt(m, "urn:multi/orders", "Address");
    let customers = strukt(m, "urn:multi/customers", "Address");
    assert_eq!(
        (locals(&orders.fields), locals(&customers.fields)),
        (vec!["Street", "City"], vec!["Line1", "PostCode"])
    );
    assert_eq!(customers.fields[0].name.namespace, "", "unqualified by default");
    assert_eq!(orders.fields[0].name.namespace, "urn:multi/orders");
    // The chameleon include lands in the includer's namespace, references included.
    let order = strukt(m, "urn:multi/orders", "Order");
    let money = st(m, named(&field(order, "Total").ty));
    assert_eq!(money.text, Some(TypeRef::Primitive(Primitive::Decimal)));
    assert_eq!(money.attributes[0].ty, TypeRef::Primitive(Primitive::String));
    assert_eq!(values(m, id_of(m, "urn:multi/orders", "Status")), ["Open", "Shipped"]);
    assert_eq!(
        field(order, "Customer").ty,
        TypeRef::Named(id_of(m, "urn:multi/customers", "Customer"))
    );
}

#[test]
fn standalone_schema() {
    let r = sample("wsdl_multi/schemas/orders.xsd");
    let m = &r.model;
    assert_eq!(m.services.len(), 0);
    let files: Vec<&str> = r.files.iter().map(|f| f.rsplit('/').next().unwrap()).collect();
    assert_eq!(files, ["orders.xsd", "common.xsd", "customers.xsd"]);
    // Every named type, schema by schema in load order; simple types without values
    // (CurrencyCode) are their base and need no type of their own.
    let names: Vec<&str> = m.types.iter().map(|t| t.name.local.as_str()).collect();
    assert_eq!(names, ["Address", "Order", "Status", "Money", "Address", "Customer"]);
}

#[test]
fn no_service_and_missing_imports() {
    let r = sample("wsdl_no_service/no_service.wsdl");
    let m = &r.model;
    let s = &m.services[0];
    assert_eq!((s.name.as_str(), s.namespace.as_str(), s.endpoints.len()), ("Pinger", "urn:ns", 0));
    assert_eq!(s.docs.0, ["Answers pings."]);
    assert!(warned(m, "no wsdl:service names an address"));
    assert!(warned(
        m,
        "'https://example.invalid/remote.xsd' (namespace 'urn:remote') was not loaded"
    ));
    let ping = st(m, named(&op(m, "Ping").input.ty));
    assert_eq!(
        [ping.fields[0].ty.clone(), ping.fields[1].ty.clone()],
        [TypeRef::RawXml, TypeRef::RawXml]
    );
    assert_eq!(ping.fields[1].name, QName::new("urn:remote", "Extra"));
    assert!(
        ping.fields[0].docs.0[0]
            .contains("`Payload` (namespace `urn:remote`) is not in the schemas read")
    );
    // An unknown base still reads: its elements as any-elements, its attributes kept.
    let derived = strukt(m, "urn:ns", "Derived");
    assert_eq!(
        (derived.fields[0].ty.clone(), locals(&derived.fields)[1]),
        (TypeRef::AnyElement, "Own")
    );
    assert!(derived.any_attributes);
    let at = &m.warnings.iter().find(|w| w.message.contains("type 'Payload'")).unwrap().at;
    assert_eq!((at.file.rsplit('/').next(), at.line), (Some("no_service.wsdl"), 16));
}

// ---- errors, with documents in memory ----

/// Documents by name, for tests that need no files.
struct MemLoader(BTreeMap<&'static str, &'static str>);

impl Loader for MemLoader {
    fn load(&self, location: &str, _: &Source) -> Result<Option<Source>, Error> {
        match self.0.get(location) {
            Some(text) => Ok(Some(Source::new(location, *text))),
            None if location.starts_with("http") => Ok(None),
            None => Err(Error::Io {
                path: location.into(),
                source: std::io::ErrorKind::NotFound.into(),
            }),
        }
    }
}

/// Reads strictly (`--strict`): broken references are the errors these tests pin
/// (`repair_tests` reads them leniently).
fn read_text(text: &str, files: &[(&'static str, &'static str)]) -> Result<Model, Error> {
    let mut model = Model::default();
    read_wsdl(
        &Source::new("t.wsdl", text),
        &MemLoader(files.iter().copied().collect()),
        true,
        &mut model,
    )?;
    Ok(model)
}

const HEAD: &str = "<definitions xmlns=\"http://schemas.xmlsoap.org/wsdl/\" \
    xmlns:soap=\"http://schemas.xmlsoap.org/wsdl/soap/\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" \
    xmlns:tns=\"urn:t\" targetNamespace=\"urn:t\">\n";

#[test]
fn missing_message_is_a_located_error() {
    let text = format!(
        "{HEAD}<portType name=\"P\"><operation name=\"Op\">\n  <input message=\"tns:GetFooSoapIn\"/></operation></portType>\
         <binding name=\"B\" type=\"tns:P\"><soap:binding/><operation name=\"Op\"/></binding>\
         <service name=\"S\"><port name=\"p\" binding=\"tns:B\"/></service></definitions>"
    );
    let e = read_text(&text, &[]).unwrap_err().summary();
    assert!(
        e.starts_with("t.wsdl:3:10: message 'tns:GetFooSoapIn' not found: expected a wsdl:message with that name"),
        "{e}"
    );
}

#[test]
fn other_errors_say_what_was_expected() {
    let e = read_text("<x:y xmlns:x=\"urn:no\"/>", &[]).unwrap_err().summary();
    assert!(e.contains("t.wsdl:1:1: expected <wsdl:definitions> (WSDL 1.1) or <xs:schema>"), "{e}");
    let text = format!(
        "{HEAD}<service name=\"S\"><port name=\"p\" binding=\"tns:Nope\"/></service></definitions>"
    );
    let e = read_text(&text, &[]).unwrap_err().summary();
    assert!(e.contains("binding 'tns:Nope' not found: expected a wsdl:binding"), "{e}");
    let text = format!(
        "{HEAD}<types><xs:schema><xs:include schemaLocation=\"gone.xsd\"/></xs:schema></types></definitions>"
    );
    let e = read_text(&text, &[]).unwrap_err().summary();
    assert!(
        e.contains("t.wsdl:2:") && e.contains("expected a readable document at 'gone.xsd'"),
        "{e}"
    );
    let e = read_text("<!DOCTYPE x []><x/>", &[]).unwrap_err().summary();
    assert!(e.contains("expected no DOCTYPE"), "{e}");
}

#[test]
fn hostile_schemas_end_with_warnings() {
    let text = format!(
        "{HEAD}<types><xs:schema targetNamespace=\"urn:t\">\
         <xs:complexType name=\"A\"><xs:complexContent><xs:extension base=\"tns:B\"/></xs:complexContent></xs:complexType>\
         <xs:complexType name=\"B\"><xs:complexContent><xs:extension base=\"tns:A\"/></xs:complexContent></xs:complexType>\
         <xs:group name=\"G\"><xs:sequence><xs:group ref=\"tns:G\"/></xs:sequence></xs:group>\
         <xs:complexType name=\"C\"><xs:group ref=\"tns:G\"/></xs:complexType>\
         <xs:simpleType name=\"S\"><xs:restriction base=\"tns:S\"/></xs:simpleType>\
         <xs:element name=\"E\" type=\"tns:S\"/>\
         </xs:schema></types></definitions>"
    );
    let m = read_text(&text, &[]).unwrap();
    assert!(warned(&m, "defined in terms of itself"), "{:?}", m.warnings);
}

#[test]
fn long_chains_are_cut_not_followed_to_a_stack_overflow() {
    // 2,000 groups, each referring to the next, and 2,000 types each extending the next.
    let mut schema = String::new();
    for i in 0..2000 {
        schema.push_str(&format!(
            "<xs:group name=\"G{i}\"><xs:sequence><xs:group ref=\"tns:G{}\"/></xs:sequence></xs:group>\
             <xs:complexType name=\"T{i}\"><xs:complexContent><xs:extension base=\"tns:T{}\"/></xs:complexContent></xs:complexType>",
            i + 1,
            i + 1
        ));
    }
    let deep = format!(
        "{}<xs:element name=\"e\"/>{}",
        "<xs:sequence>".repeat(200),
        "</xs:sequence>".repeat(200)
    );
    let text = format!(
        "{HEAD}<types><xs:schema targetNamespace=\"urn:t\">{schema}\
         <xs:complexType name=\"UsesG\"><xs:group ref=\"tns:G0\"/></xs:complexType>\
         <xs:complexType name=\"Deep\">{deep}</xs:complexType></xs:schema></types></definitions>"
    );
    let m = std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || read_text(&text, &[]).unwrap())
        .unwrap()
        .join()
        .unwrap();
    assert!(warned(&m, "definitions nest more than 64 levels deep"), "{:?}", &m.warnings[..3]);
    assert!(warned(&m, "content models nest more than 64 levels deep"));
}

#[test]
fn chameleon_include_twice_and_remote_import() {
    let text = format!(
        "{HEAD}<types>\
         <xs:schema targetNamespace=\"urn:a\"><xs:include schemaLocation=\"c.xsd\"/></xs:schema>\
         <xs:schema targetNamespace=\"urn:b\"><xs:include schemaLocation=\"c.xsd\"/>\
         <xs:import namespace=\"urn:r\" schemaLocation=\"http://r/x.xsd\"/></xs:schema>\
         </types></definitions>"
    );
    let c = "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:complexType name=\"T\">\
             <xs:sequence><xs:element name=\"U\" type=\"U\"/></xs:sequence></xs:complexType>\
             <xs:simpleType name=\"U\"><xs:restriction base=\"xs:int\"/></xs:simpleType></xs:schema>";
    let m = read_text(&text, &[("c.xsd", c)]).unwrap();
    let a = strukt(&m, "urn:a", "T");
    let b = strukt(&m, "urn:b", "T");
    assert_eq!(a.fields[0].ty, TypeRef::Primitive(Primitive::Int));
    assert_eq!(b.fields[0].ty, TypeRef::Primitive(Primitive::Int));
    assert!(warned(&m, "'http://r/x.xsd' (namespace 'urn:r') was not loaded"));
    assert_eq!(m.warnings.len(), 1, "{:?}", m.warnings);
}

/// The models go through naming and emission: every shape produced is one the
/// emitter expects, and the code it writes parses.
fn resolve_and_emit(models: Vec<(String, Model)>) {
    for (p, m) in models {
        let resolved = crate::resolve::resolve(&m);
        let tokens = crate::emit::emit(&resolved, &Default::default());
        crate::emit::format(tokens).unwrap_or_else(|e| panic!("{p}: {e}"));
    }
}

#[test]
fn models_resolve_and_emit() {
    let samples = [
        "wsdl_constructs/constructs.wsdl",
        "wsdl_rpc/rpc.wsdl",
        "wsdl_headers_faults/headers_faults.wsdl",
        "wsdl_multi/multi.wsdl",
        "wsdl_no_service/no_service.wsdl",
    ];
    resolve_and_emit(samples.iter().map(|p| (p.to_string(), sample(p).model)).collect());
}

#[test]
#[ignore = "needs the shared corpus (SOAPGEN_CORPUS); run by cargo xtask test when present"]
fn corpus_models_resolve_and_emit() {
    let mut models: Vec<(String, Model)> = [
        "asmx/TaxCloud/TaxCloud.wsdl",
        "onvif/ver10/device/wsdl/devicemgmt.wsdl",
        "large/AmazonEC2/ec2.wsdl",
        "rpc_encoded/TradeTracker_AffiliateService/tradetracker.wsdl",
    ]
    .iter()
    .map(|p| (p.to_string(), corpus(p, &FsLoader::new()).model))
    .collect();
    models.push(("bookt".into(), corpus("wcf/bookt/bookt.wsdl", &bookt_loader()).model));
    resolve_and_emit(models);
}
