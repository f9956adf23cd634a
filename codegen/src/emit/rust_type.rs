//! The Rust type that holds a value of a model type, and the identifiers that name them.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use super::Ctx;
use crate::ir::{Occurs, Primitive, TypeRef};

/// The Rust type for one value of `ty` (no Option/Vec wrapping for occurrence).
pub fn value_type(ctx: &Ctx, ty: &TypeRef) -> TokenStream {
    let rt = &ctx.rt;
    match ty {
        TypeRef::Primitive(p) => primitive(rt, *p),
        TypeRef::Named(id) => {
            let ident = Ident::new(&ctx.resolved.ty(*id).rust_name, Span::call_site());
            quote!(#ident)
        }
        TypeRef::RawXml => quote!(#rt::RawXml),
        TypeRef::AnyElement => quote!(#rt::AnyElement),
        TypeRef::Wrapped(w) => {
            let item = value_type(ctx, &w.item_ty);
            if w.item_nillable { quote!(Vec<Option<#item>>) } else { quote!(Vec<#item>) }
        }
        TypeRef::List(item) => {
            let item = value_type(ctx, item);
            quote!(Vec<#item>)
        }
    }
}

/// The field type: the value type wrapped for occurrence, nil and boxing.
pub fn field_type(
    ctx: &Ctx,
    ty: &TypeRef,
    occurs: Occurs,
    nillable: bool,
    boxed: bool,
) -> TokenStream {
    let mut inner = value_type(ctx, ty);
    if boxed {
        inner = quote!(Box<#inner>);
    }
    match shape(ty, occurs, nillable) {
        Shape::Plain => inner,
        Shape::Option => quote!(Option<#inner>),
        Shape::Vec => quote!(Vec<#inner>),
    }
}

/// How a field's occurrence shows in Rust.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Plain,
    Option,
    Vec,
}

pub fn shape(ty: &TypeRef, occurs: Occurs, nillable: bool) -> Shape {
    match occurs {
        Occurs::Many => Shape::Vec,
        // A wrapped list is already a Vec: absent and empty read the same.
        _ if matches!(ty, TypeRef::Wrapped(_)) => Shape::Plain,
        Occurs::Optional => Shape::Option,
        Occurs::Required if nillable => Shape::Option,
        Occurs::Required => Shape::Plain,
    }
}

/// Whether values of `ty` are written as text (`XmlValue`) rather than as elements.
pub fn is_text_value(ctx: &Ctx, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Primitive(_) => true,
        TypeRef::Named(id) => {
            matches!(ctx.resolved.ty(*id).kind, crate::resolve::RTypeKind::Enum(_))
        }
        TypeRef::RawXml | TypeRef::Wrapped(_) | TypeRef::List(_) | TypeRef::AnyElement => false,
    }
}

/// The alternatives when `ty` is an `xs:choice`.
pub fn choice<'a>(
    ctx: &Ctx<'a>,
    ty: &TypeRef,
) -> Option<(&'a crate::resolve::RType, &'a crate::resolve::RChoice)> {
    let TypeRef::Named(id) = ty else { return None };
    let t = ctx.resolved.ty(*id);
    match &t.kind {
        crate::resolve::RTypeKind::Choice(c) => Some((t, c)),
        _ => None,
    }
}

/// A Rust identifier; names resolved as raw (`r#type`) stay raw.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

pub fn primitive(rt: &TokenStream, p: Primitive) -> TokenStream {
    match p {
        Primitive::String | Primitive::AnyUri => quote!(String),
        Primitive::Boolean => quote!(bool),
        Primitive::Byte => quote!(i8),
        Primitive::Short => quote!(i16),
        Primitive::Int => quote!(i32),
        // xs:integer is unbounded; i64 covers what services send in practice.
        Primitive::Long | Primitive::Integer => quote!(i64),
        Primitive::UnsignedByte => quote!(u8),
        Primitive::UnsignedShort => quote!(u16),
        Primitive::UnsignedInt => quote!(u32),
        Primitive::UnsignedLong => quote!(u64),
        Primitive::Float => quote!(f32),
        Primitive::Double => quote!(f64),
        Primitive::Decimal => quote!(#rt::Decimal),
        Primitive::DateTime => quote!(#rt::DateTime),
        Primitive::Date => quote!(#rt::Date),
        Primitive::Time => quote!(#rt::Time),
        Primitive::Duration => quote!(#rt::Duration),
        Primitive::Base64Binary => quote!(#rt::Base64Binary),
        Primitive::HexBinary => quote!(#rt::HexBinary),
        Primitive::Guid => quote!(#rt::Guid),
        Primitive::Char => quote!(char),
        Primitive::QName => quote!(#rt::QName),
    }
}

#[cfg(test)]
mod tests {
    use std::marker::PhantomData;

    use super::*;

    /// Autoref specialisation: `probe!(T)` is true exactly when `T: Default`.
    struct Probe<T>(PhantomData<T>);
    trait Defaulted {
        fn has_default(&self) -> bool {
            true
        }
    }
    impl<T: Default> Defaulted for Probe<T> {}
    trait NotDefaulted {
        fn has_default(&self) -> bool {
            false
        }
    }
    impl<T> NotDefaulted for &Probe<T> {}

    /// The runtime type as the emitter spells it, and whether it implements `Default`.
    macro_rules! runtime {
        ($t:ty) => {
            (stringify!($t).replace(' ', ""), (&Probe::<$t>(PhantomData)).has_default())
        };
    }

    fn runtime_type(p: Primitive) -> (String, bool) {
        match p {
            Primitive::String | Primitive::AnyUri => runtime!(String),
            Primitive::Boolean => runtime!(bool),
            Primitive::Byte => runtime!(i8),
            Primitive::Short => runtime!(i16),
            Primitive::Int => runtime!(i32),
            Primitive::Long | Primitive::Integer => runtime!(i64),
            Primitive::UnsignedByte => runtime!(u8),
            Primitive::UnsignedShort => runtime!(u16),
            Primitive::UnsignedInt => runtime!(u32),
            Primitive::UnsignedLong => runtime!(u64),
            Primitive::Float => runtime!(f32),
            Primitive::Double => runtime!(f64),
            Primitive::Decimal => runtime!(::soapgen_runtime::Decimal),
            Primitive::DateTime => runtime!(::soapgen_runtime::DateTime),
            Primitive::Date => runtime!(::soapgen_runtime::Date),
            Primitive::Time => runtime!(::soapgen_runtime::Time),
            Primitive::Duration => runtime!(::soapgen_runtime::Duration),
            Primitive::Base64Binary => runtime!(::soapgen_runtime::Base64Binary),
            Primitive::HexBinary => runtime!(::soapgen_runtime::HexBinary),
            Primitive::Guid => runtime!(::soapgen_runtime::Guid),
            Primitive::Char => runtime!(char),
            Primitive::QName => runtime!(::soapgen_runtime::QName),
        }
    }

    #[test]
    fn primitives_are_runtime_types_and_default_as_they_do() {
        let rt = quote!(::soapgen_runtime);
        for &p in Primitive::ALL {
            let (ty, has_default) = runtime_type(p);
            assert_eq!(primitive(&rt, p).to_string().replace(' ', ""), ty, "{p:?}");
            assert_eq!(p.has_default(), has_default, "{p:?}: Primitive::has_default");
        }
    }
}
