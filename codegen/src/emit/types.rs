//! Struct and enum definitions with their trait impls.

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::{doc_attrs, doc_line};
use super::rust_type::{field_type, ident};
use super::{Ctx, read, write};
use crate::ir::Primitive;
use crate::resolve::{RChoice, REnum, RStruct, RType, RTypeKind};

pub fn emit_type(ctx: &Ctx, id: crate::ir::TypeId, t: &RType) -> TokenStream {
    match &t.kind {
        RTypeKind::Struct(s) => emit_struct(ctx, id, t, s),
        RTypeKind::Enum(e) => emit_enum(ctx, t, e, ctx.directions.encoded(id)),
        RTypeKind::Choice(c) => emit_choice(ctx, t, c),
    }
}

/// An `xs:choice` as an enum with one variant per alternative element.
fn emit_choice(ctx: &Ctx, t: &RType, c: &RChoice) -> TokenStream {
    let name = ident(&t.rust_name);
    let docs = doc_attrs(&t.docs);
    let variants = c.alternatives.iter().map(|a| {
        let v = ident(&a.rust_name);
        let occurs = if a.occurs == crate::ir::Occurs::Many {
            a.occurs
        } else {
            crate::ir::Occurs::Required
        };
        let ty = field_type(ctx, &a.ty, occurs, false, a.boxed);
        let docs = doc_attrs(&a.docs);
        let sep = if a.docs.is_empty() { quote!() } else { doc_line("") };
        let wire = doc_line(&format!("The `{}` element.", a.wire.local));
        quote!(#docs #sep #wire #v(#ty),)
    });
    let has_secrets = c.alternatives.iter().any(|a| a.secret);
    let derives =
        if has_secrets { quote!(Clone, PartialEq) } else { quote!(Clone, Debug, PartialEq) };
    // Like a struct's: the chosen element shows, unless it holds a credential.
    let debug = has_secrets.then(|| {
        let arms = c.alternatives.iter().map(|a| {
            let v = ident(&a.rust_name);
            let label = &a.rust_name;
            if a.secret {
                quote!(Self::#v(_) => f.debug_tuple(#label).field(&"<redacted>").finish(),)
            } else {
                quote!(Self::#v(value) => f.debug_tuple(#label).field(value).finish(),)
            }
        });
        quote! {
            impl std::fmt::Debug for #name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    match self { #(#arms)* }
                }
            }
        }
    });
    quote! {
        #docs
        #[doc = " One of several elements (`xs:choice`)."]
        #[derive(#derives)]
        pub enum #name {
            #(#variants)*
        }
        #debug
    }
}

fn wire_doc(t: &RType) -> TokenStream {
    let ns = if t.wire.namespace.is_empty() {
        "no namespace".to_owned()
    } else {
        format!("`{}`", t.wire.namespace)
    };
    doc_line(&format!("XML name: `{}` in {ns}.", t.wire.local))
}

fn emit_struct(ctx: &Ctx, id: crate::ir::TypeId, t: &RType, s: &RStruct) -> TokenStream {
    let name = ident(&t.rust_name);
    let docs = doc_attrs(&t.docs);
    let sep = if t.docs.is_empty() { quote!() } else { doc_line("") };
    let wire = wire_doc(t);

    let attr_fields = s.attributes.iter().map(|a| {
        let f = ident(&a.rust_name);
        let ty = field_type(
            ctx,
            &a.ty,
            if a.required { crate::ir::Occurs::Required } else { crate::ir::Occurs::Optional },
            false,
            false,
        );
        let docs = doc_attrs(&a.docs);
        let what = doc_line(&format!("Attribute `{}`.", a.wire.local));
        let sep = if a.docs.is_empty() { quote!() } else { doc_line("") };
        quote!(#docs #sep #what pub #f: #ty,)
    });
    let text_field = s.text.as_ref().map(|tx| {
        let f = ident(&tx.rust_name);
        let ty = field_type(ctx, &tx.ty, crate::ir::Occurs::Required, false, false);
        quote!(#[doc = " The element's text content."] pub #f: #ty,)
    });
    let fields = s.fields.iter().map(|f| {
        let name = ident(&f.rust_name);
        let ty = field_type(ctx, &f.ty, f.occurs, f.nillable, f.boxed);
        let docs = doc_attrs(&f.docs);
        let what = if matches!(f.ty, crate::ir::TypeRef::AnyElement) {
            doc_line("Any elements the schema allows here (`xs:any`).")
        } else if super::rust_type::choice(ctx, &f.ty).is_some() {
            doc_line("One of several elements (`xs:choice`).")
        } else {
            doc_line(&format!("Element `{}`.", f.wire.local))
        };
        let sep = if f.docs.is_empty() { quote!() } else { doc_line("") };
        quote!(#docs #sep #what pub #name: #ty,)
    });

    let mut derives = vec![quote!(Clone), quote!(PartialEq)];
    if !s.has_secrets {
        derives.push(quote!(Debug));
    }
    if s.derives_default {
        derives.push(quote!(Default));
    }
    let debug = s.has_secrets.then(|| redacted_debug(t, s));
    let write = ctx
        .directions
        .writes(id)
        .then(|| write::emit_struct_write(ctx, t, s, ctx.directions.encoded(id)));
    let read = ctx.directions.reads(id).then(|| read::emit_struct_read(ctx, t, s));

    quote! {
        #docs
        #sep
        #wire
        #[derive(#(#derives),*)]
        pub struct #name {
            #(#attr_fields)*
            #text_field
            #(#fields)*
        }
        #debug
        #write
        #read
    }
}

/// Debug that shows every field but prints secrets as `<redacted>`.
fn redacted_debug(t: &RType, s: &RStruct) -> TokenStream {
    let name = ident(&t.rust_name);
    let label = &t.rust_name;
    let entries = s
        .attributes
        .iter()
        .map(|a| (&a.rust_name, a.secret))
        .chain(s.text.iter().map(|tx| (&tx.rust_name, false)))
        .chain(s.fields.iter().map(|f| (&f.rust_name, f.secret)))
        .map(|(field, secret)| {
            let f = ident(field);
            let shown = field.trim_start_matches("r#");
            if secret {
                quote!(.field(#shown, &"<redacted>"))
            } else {
                quote!(.field(#shown, &self.#f))
            }
        });
    quote! {
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#label) #(#entries)* .finish()
            }
        }
    }
}

fn emit_enum(ctx: &Ctx, t: &RType, e: &REnum, encoded: bool) -> TokenStream {
    let rt = &ctx.rt;
    let name = ident(&t.rust_name);
    let docs = doc_attrs(&t.docs);
    let sep = if t.docs.is_empty() { quote!() } else { doc_line("") };
    let wire = wire_doc(t);
    let catch_all = ident(&e.catch_all);
    let allow = e.names_repeat_enum.then(|| quote!(#[allow(clippy::enum_variant_names)]));

    let variants = e.variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let docs = doc_attrs(&v.docs);
        let sep = if v.docs.is_empty() { quote!() } else { doc_line("") };
        let wire = doc_line(&format!("`{}` on the wire.", v.value));
        quote!(#docs #sep #wire #vname,)
    });
    let to_str = e.variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let value = &v.value;
        quote!(Self::#vname => #value,)
    });
    // Values are compared after XSD whitespace collapsing, except for string bases.
    let from_str = e.variants.iter().map(|v| {
        let vname = ident(&v.rust_name);
        let value = &v.value;
        quote!(#value => Self::#vname,)
    });
    let xsd_type = t.wire.local.clone();
    // In rpc/encoded requests the enumeration's own type is its xsi:type.
    let schema_type = encoded.then(|| {
        let ns = ctx.ns.expr(&t.wire.namespace);
        quote! {
            fn schema_type(&self) -> (&'static str, &'static str) {
                (#ns, #xsd_type)
            }
        }
    });
    let trim = if e.base == Primitive::String { quote!(text) } else { quote!(text.trim()) };

    quote! {
        #docs
        #sep
        #wire
        #allow
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#variants)*
            /// A value this client does not know, kept as sent.
            #catch_all(String),
        }

        impl #name {
            /// The value as written on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    Self::#catch_all(value) => value,
                }
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::convert::From<&str> for #name {
            fn from(text: &str) -> Self {
                match #trim {
                    #(#from_str)*
                    other => Self::#catch_all(other.to_owned()),
                }
            }
        }

        impl #rt::XmlValue for #name {
            const XSD_TYPE: &'static str = #xsd_type;

            fn write_lexical(&self, out: &mut String) {
                out.push_str(self.as_str());
            }

            fn as_lexical_str(&self) -> Option<&str> {
                Some(self.as_str())
            }

            #schema_type

            fn parse_lexical(text: &str) -> Result<Self, #rt::value::ValueError> {
                Ok(Self::from(text))
            }
        }
    }
}
