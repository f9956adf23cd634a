//! Emitted tokens to formatted source, one item at a time, and a big impl block (a client's
//! thousands of methods) a slice of methods at a time: the syntax tree held at once stays
//! small whatever the service's size.

use proc_macro2::TokenStream;
use syn::parse::{ParseStream, Parser};
use syn::{Attribute, File, ImplItem, Item, ItemImpl, Token, Type};

use super::features;

/// Methods of an impl block parsed and printed together.
const SLICE: usize = 64;

/// Prints `tokens` (items) as formatted source, each item gated by `feature` if given:
/// byte for byte `prettyplease::unparse` of them all as one file.
pub fn items(tokens: TokenStream, feature: Option<&str>) -> Result<String, syn::Error> {
    let mut out = String::new();
    let print = |input: ParseStream| -> syn::Result<()> {
        while !input.is_empty() {
            if starts_plain_impl(input) {
                print_impl(input, feature, &mut out)?;
            } else {
                let mut file =
                    File { shebang: None, attrs: Vec::new(), items: vec![input.parse()?] };
                if let Some(feature) = feature {
                    features::gate_file(&mut file, feature);
                }
                out.push_str(&prettyplease::unparse(&file));
            }
        }
        Ok(())
    };
    print.parse2(tokens)?;
    Ok(out)
}

/// An `impl` block without outer attributes (a client's), not a negative one: printed in
/// slices.
fn starts_plain_impl(input: ParseStream) -> bool {
    input.peek(Token![impl]) && !input.peek2(Token![!])
}

/// Prints an `impl` block a slice of methods at a time. Its header prints the same whatever
/// its methods, and the methods follow one another with nothing between them, so each
/// slice's text without the header and the closing brace is that slice's share of the
/// whole block's text. Checked on every slice: when the header does not come out alike (a
/// layout this does not expect), the block is printed whole.
fn print_impl(input: ParseStream, feature: Option<&str>, out: &mut String) -> syn::Result<()> {
    let impl_token: Token![impl] = input.parse()?;
    let mut generics: syn::Generics = input.parse()?;
    let first: Type = input.parse()?;
    let (trait_, self_ty) = if input.peek(Token![for]) {
        let for_token: Token![for] = input.parse()?;
        let Type::Path(syn::TypePath { qself: None, path }) = first else {
            return Err(input.error("expected a trait path before `for`"));
        };
        (Some((None, path, for_token)), input.parse()?)
    } else {
        (None, first)
    };
    generics.where_clause = input.parse()?;
    let content;
    let brace_token = syn::braced!(content in input);
    let block = ItemImpl {
        attrs: content.call(Attribute::parse_inner)?,
        defaultness: None,
        unsafety: None,
        impl_token,
        generics,
        trait_,
        self_ty: Box::new(self_ty),
        brace_token,
        items: Vec::new(),
    };
    let mut file = File { shebang: None, attrs: Vec::new(), items: vec![Item::Impl(block)] };
    if let Some(feature) = feature {
        features::gate_file(&mut file, feature);
    }
    // The header as printed with no methods ("…{}\n"), opened: "…{\n".
    let header = prettyplease::unparse(&file).strip_suffix("}\n").map(|h| format!("{h}\n"));
    // Once the first slice did not print as expected, the block is printed whole.
    let mut whole = header.is_none();
    let mut sliced = false;
    loop {
        let done = content.is_empty();
        if !done {
            methods(&mut file).push(content.parse()?);
        }
        let count = methods(&mut file).len();
        if !done && (whole || count < SLICE) {
            continue;
        }
        if done && !sliced {
            out.push_str(&prettyplease::unparse(&file));
            return Ok(());
        }
        if count > 0 {
            let text = prettyplease::unparse(&file);
            let header = header.as_deref().unwrap_or_default();
            match text.strip_prefix(header).and_then(|rest| rest.strip_suffix("}\n")) {
                Some(body) => {
                    if !sliced {
                        out.push_str(header);
                        sliced = true;
                    }
                    out.push_str(body);
                    methods(&mut file).clear();
                }
                None if !sliced => whole = true,
                None => return Err(input.error("an impl block's slices printed unlike its header")),
            }
        }
        if done {
            out.push_str("}\n");
            return Ok(());
        }
    }
}

/// The methods of the one impl block `file` holds.
fn methods(file: &mut File) -> &mut Vec<ImplItem> {
    match &mut file.items[0] {
        Item::Impl(block) => &mut block.items,
        _ => unreachable!("a file of one impl block"),
    }
}

#[cfg(test)]
mod tests {
    use quote::{format_ident, quote};

    use super::*;

    /// An impl block of `n` methods under `header` (tokens before the braces).
    fn block(header: TokenStream, n: usize) -> TokenStream {
        let methods = (0..n).map(|i| {
            let name = format_ident!("method_{i}");
            let doc = format!(" Method {i}.");
            quote! {
                #[doc = #doc]
                pub fn #name(&self, value: ::std::option::Option<::std::string::String>) -> usize {
                    value.map_or(#i, |v| v.len() + #i)
                }
            }
        });
        quote!(#header { #(#methods)* })
    }

    fn whole(tokens: TokenStream, feature: Option<&str>) -> String {
        let mut file: File = syn::parse2(tokens).unwrap();
        if let Some(feature) = feature {
            features::gate_file(&mut file, feature);
        }
        prettyplease::unparse(&file)
    }

    #[test]
    fn impl_blocks_printed_in_slices_are_printed_whole() {
        let long =
            format_ident!("{}", "VeryLongClientNameThatPushesTheHeaderPastTheLineWidth".repeat(2));
        let headers = [
            quote!(impl<T> Client<T>),
            quote!(impl<T: ::soapgen_runtime::Transport> Client<T>),
            quote!(impl<T> ::std::fmt::Debug for Client<T> where T: ::std::fmt::Debug),
            quote!(impl<T: ::soapgen_runtime::Transport + ::std::fmt::Debug + ::std::clone::Clone> #long<T>),
        ];
        for header in headers {
            for n in [0, 1, SLICE - 1, SLICE, SLICE + 1, 3 * SLICE + 7] {
                let tokens = quote! {
                    pub struct Client<T> { transport: T }
                    #[derive(Clone)]
                    pub struct After;
                };
                let mut tokens = tokens;
                tokens.extend(block(header.clone(), n));
                tokens.extend(quote!(
                    pub struct Last;
                ));
                for feature in [None, Some("type-Client")] {
                    let sliced = items(tokens.clone(), feature).unwrap();
                    assert!(sliced == whole(tokens.clone(), feature), "{header} with {n} methods");
                }
            }
        }
    }
}
