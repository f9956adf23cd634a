//! Imports that were not loaded (remote and not mapped to a file), and what to run so
//! they are: the exact `--map URL=FILE`, or `soapgen fetch URL`. `Loaded::unloaded_hint`
//! names them where a reference they would have supplied leads nowhere.

/// An import or include whose document was not loaded.
#[derive(Debug)]
pub struct Skipped {
    /// The namespace it was imported for (empty for an include or an unnamed import).
    pub namespace: String,
    /// The location as written.
    pub location: String,
    /// The importing document and the offset of its location attribute.
    pub doc: usize,
    pub offset: usize,
    /// A `wsdl:import` (else a schema import or include).
    pub wsdl: bool,
}

/// `--map 'URL=FILE'` for one skipped import.
pub fn map_option(s: &Skipped) -> String {
    format!("--map '{}={}'", s.location, file_name(&s.location, s.wsdl))
}

/// What to run to have the import at `location` loaded: `--map`, or `soapgen fetch`.
pub fn remedy(s: &Skipped) -> String {
    let fetch = match description_url(&s.location) {
        Some(url) => format!("`soapgen fetch '{url}' -o DIR`"),
        None => "`soapgen fetch '<the service's WSDL URL>' -o DIR`".to_owned(),
    };
    format!(
        "save it and pass `{}`, or run {fetch} to save the description with everything it \
         imports and generate from DIR",
        map_option(s)
    )
}

/// A file name for a saved import: the query's last value (`?wsdl=wsdl0` → `wsdl0`) or
/// the path's last segment, with the document's extension.
fn file_name(location: &str, wsdl: bool) -> String {
    let ext = if wsdl { "wsdl" } else { "xsd" };
    let (path, query) = location.split_once('?').unwrap_or((location, ""));
    let stem = query
        .rsplit(['=', '&'])
        .find(|s| !s.is_empty())
        .or_else(|| path.trim_end_matches('/').rsplit('/').next())
        .unwrap_or("import");
    let stem: String =
        stem.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
    let stem = stem.strip_suffix(&format!("_{ext}")).unwrap_or(&stem).to_owned();
    format!("{stem}.{ext}")
}

/// The service description's own URL when the import's location shows it: WCF's
/// `…/Service.svc?wsdl=wsdl0` and `?xsd=xsd0` parts belong to `…/Service.svc?wsdl`.
fn description_url(location: &str) -> Option<String> {
    let (path, query) = location.split_once('?')?;
    let lower = query.to_ascii_lowercase();
    let wcf =
        lower.starts_with("wsdl=") || lower.starts_with("xsd=") || lower.starts_with("singlewsdl");
    (wcf && path.contains("://")).then(|| format!("{path}?wsdl"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_and_description_urls() {
        assert_eq!(file_name("http://h/S.svc?wsdl=wsdl0", true), "wsdl0.wsdl");
        assert_eq!(file_name("http://h/S.svc?xsd=xsd1", false), "xsd1.xsd");
        assert_eq!(file_name("http://h/schemas/common.xsd", false), "common.xsd");
        assert_eq!(
            description_url("http://h/S.svc?wsdl=wsdl0").as_deref(),
            Some("http://h/S.svc?wsdl")
        );
        assert_eq!(description_url("http://h/common.xsd"), None);
    }
}
