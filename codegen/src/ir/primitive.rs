/// Defines the enum and [`Primitive::ALL`] from one list, so `ALL` cannot miss a variant.
macro_rules! primitives {
    ($(#[$meta:meta])* pub enum Primitive { $($(#[$doc:meta])* $variant:ident,)* }) => {
        $(#[$meta])*
        pub enum Primitive {
            $($(#[$doc])* $variant,)*
        }

        impl Primitive {
            /// Every primitive, in declaration order.
            pub const ALL: &[Primitive] = &[$(Primitive::$variant),*];
        }
    };
}

primitives! {
    /// The built-in value types, named after XML Schema's.
    ///
    /// This is the one table that maps a placeholder (`string`, `int`, `dateTime`, …) or an
    /// XSD built-in type name to a value type; every reader uses it. What each primitive is
    /// (its names, whether it is a value type, whether its Rust type has a `Default`) is said
    /// here by exhaustive matches, so a new variant does not compile until every question is
    /// answered; the emitter's `rust_type::primitive` and `round_trip` say how it is spelled
    /// and sampled.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum Primitive {
        /// `xs:string` → `String`.
        String,
        /// `xs:boolean` → `bool`.
        Boolean,
        /// `xs:byte` → `i8`.
        Byte,
        /// `xs:short` → `i16`.
        Short,
        /// `xs:int` → `i32`.
        Int,
        /// `xs:long` → `i64`.
        Long,
        /// `xs:unsignedByte` → `u8`.
        UnsignedByte,
        /// `xs:unsignedShort` → `u16`.
        UnsignedShort,
        /// `xs:unsignedInt` → `u32`.
        UnsignedInt,
        /// `xs:unsignedLong` → `u64`.
        UnsignedLong,
        /// `xs:integer` and its unbounded relatives → `i64` (wide enough for what services
        /// send; a larger value is refused when read, never rounded).
        Integer,
        /// `xs:float` → `f32`.
        Float,
        /// `xs:double` → `f64`.
        Double,
        /// `xs:decimal` → the runtime's exact `Decimal` (never through `f64`).
        Decimal,
        /// `xs:dateTime` → the runtime's `DateTime` (a missing zone stays missing).
        DateTime,
        /// `xs:date`.
        Date,
        /// `xs:time`.
        Time,
        /// `xs:duration`.
        Duration,
        /// `xs:base64Binary` → bytes.
        Base64Binary,
        /// `xs:hexBinary` → bytes.
        HexBinary,
        /// A GUID (`guid` placeholder, WCF's `ser:guid`).
        Guid,
        /// .NET `char`: a UTF-16 code unit written as a number.
        Char,
        /// `xs:anyURI` → a string.
        AnyUri,
        /// `xs:QName`: a prefixed name resolved against the namespaces in scope.
        QName,
    }
}

/// Placeholder / XSD name → primitive. Matching is exact (XSD names are case-sensitive),
/// with the .NET spellings ServiceStack tables use listed beside them.
const TABLE: &[(&str, Primitive)] = &[
    ("string", Primitive::String),
    ("normalizedString", Primitive::String),
    ("token", Primitive::String),
    ("language", Primitive::String),
    ("Name", Primitive::String),
    ("NCName", Primitive::String),
    ("NMTOKEN", Primitive::String),
    ("ID", Primitive::String),
    ("IDREF", Primitive::String),
    ("ENTITY", Primitive::String),
    ("anySimpleType", Primitive::String),
    ("boolean", Primitive::Boolean),
    ("byte", Primitive::Byte),
    ("short", Primitive::Short),
    ("int", Primitive::Int),
    ("long", Primitive::Long),
    ("unsignedByte", Primitive::UnsignedByte),
    ("unsignedShort", Primitive::UnsignedShort),
    ("unsignedInt", Primitive::UnsignedInt),
    ("unsignedLong", Primitive::UnsignedLong),
    ("integer", Primitive::Integer),
    ("nonNegativeInteger", Primitive::Integer),
    ("nonPositiveInteger", Primitive::Integer),
    ("positiveInteger", Primitive::Integer),
    ("negativeInteger", Primitive::Integer),
    ("float", Primitive::Float),
    ("double", Primitive::Double),
    ("decimal", Primitive::Decimal),
    ("dateTime", Primitive::DateTime),
    ("dateTimeStamp", Primitive::DateTime),
    ("date", Primitive::Date),
    ("time", Primitive::Time),
    ("duration", Primitive::Duration),
    ("base64Binary", Primitive::Base64Binary),
    ("hexBinary", Primitive::HexBinary),
    ("guid", Primitive::Guid),
    ("char", Primitive::Char),
    ("anyURI", Primitive::AnyUri),
    ("QName", Primitive::QName),
];

/// .NET type names as ServiceStack parameter tables print them.
const DOTNET_TABLE: &[(&str, Primitive)] = &[
    ("String", Primitive::String),
    ("string", Primitive::String),
    ("bool", Primitive::Boolean),
    ("Boolean", Primitive::Boolean),
    ("sbyte", Primitive::Byte),
    ("SByte", Primitive::Byte),
    ("byte", Primitive::UnsignedByte),
    ("Byte", Primitive::UnsignedByte),
    ("short", Primitive::Short),
    ("Int16", Primitive::Short),
    ("ushort", Primitive::UnsignedShort),
    ("UInt16", Primitive::UnsignedShort),
    ("int", Primitive::Int),
    ("Int32", Primitive::Int),
    ("uint", Primitive::UnsignedInt),
    ("UInt32", Primitive::UnsignedInt),
    ("long", Primitive::Long),
    ("Int64", Primitive::Long),
    ("ulong", Primitive::UnsignedLong),
    ("UInt64", Primitive::UnsignedLong),
    ("float", Primitive::Float),
    ("Single", Primitive::Float),
    ("double", Primitive::Double),
    ("Double", Primitive::Double),
    ("decimal", Primitive::Decimal),
    ("Decimal", Primitive::Decimal),
    ("DateTime", Primitive::DateTime),
    ("DateTimeOffset", Primitive::DateTime),
    ("TimeSpan", Primitive::Duration),
    ("Guid", Primitive::Guid),
    ("char", Primitive::Char),
    ("Char", Primitive::Char),
    ("Uri", Primitive::AnyUri),
    ("byte[]", Primitive::Base64Binary),
    ("Byte[]", Primitive::Base64Binary),
];

impl Primitive {
    /// The primitive an ASMX placeholder or XSD built-in name stands for.
    pub fn from_xsd_name(name: &str) -> Option<Primitive> {
        TABLE.iter().find(|(n, _)| *n == name).map(|(_, p)| *p)
    }

    /// The primitive a .NET type name (as in ServiceStack tables) stands for.
    /// Nullable forms (`int?`, `Nullable<int>`) are unwrapped by the caller.
    pub fn from_dotnet_name(name: &str) -> Option<Primitive> {
        DOTNET_TABLE.iter().find(|(n, _)| *n == name).map(|(_, p)| *p)
    }

    /// The XSD (or placeholder) name, for docs and `inspect`.
    pub fn xsd_name(self) -> &'static str {
        match self {
            Primitive::String => "string",
            Primitive::Boolean => "boolean",
            Primitive::Byte => "byte",
            Primitive::Short => "short",
            Primitive::Int => "int",
            Primitive::Long => "long",
            Primitive::UnsignedByte => "unsignedByte",
            Primitive::UnsignedShort => "unsignedShort",
            Primitive::UnsignedInt => "unsignedInt",
            Primitive::UnsignedLong => "unsignedLong",
            Primitive::Integer => "integer",
            Primitive::Float => "float",
            Primitive::Double => "double",
            Primitive::Decimal => "decimal",
            Primitive::DateTime => "dateTime",
            Primitive::Date => "date",
            Primitive::Time => "time",
            Primitive::Duration => "duration",
            Primitive::Base64Binary => "base64Binary",
            Primitive::HexBinary => "hexBinary",
            Primitive::Guid => "guid",
            Primitive::Char => "char",
            Primitive::AnyUri => "anyURI",
            Primitive::QName => "QName",
        }
    }

    /// Value types are written by XmlSerializer even when unset (minOccurs=1);
    /// reference types (strings, binaries, URIs) may be omitted.
    pub fn is_value_type(self) -> bool {
        match self {
            Primitive::String
            | Primitive::Base64Binary
            | Primitive::HexBinary
            | Primitive::AnyUri
            | Primitive::QName
            | Primitive::Integer => false,
            Primitive::Boolean
            | Primitive::Byte
            | Primitive::Short
            | Primitive::Int
            | Primitive::Long
            | Primitive::UnsignedByte
            | Primitive::UnsignedShort
            | Primitive::UnsignedInt
            | Primitive::UnsignedLong
            | Primitive::Float
            | Primitive::Double
            | Primitive::Decimal
            | Primitive::DateTime
            | Primitive::Date
            | Primitive::Time
            | Primitive::Duration
            | Primitive::Guid
            | Primitive::Char => true,
        }
    }

    /// Whether the Rust type a value is held in implements `Default` (a struct whose
    /// required fields all do derives it). Must agree with the runtime's types: pinned by
    /// a test in `emit::rust_type`.
    pub fn has_default(self) -> bool {
        match self {
            Primitive::String
            | Primitive::AnyUri
            | Primitive::Boolean
            | Primitive::Byte
            | Primitive::Short
            | Primitive::Int
            | Primitive::Long
            | Primitive::Integer
            | Primitive::UnsignedByte
            | Primitive::UnsignedShort
            | Primitive::UnsignedInt
            | Primitive::UnsignedLong
            | Primitive::Float
            | Primitive::Double
            | Primitive::Char
            | Primitive::Base64Binary
            | Primitive::HexBinary
            | Primitive::Guid
            | Primitive::QName => true,
            // No meaningful zero: a default date or amount would be sent as if it were data.
            Primitive::Decimal
            | Primitive::DateTime
            | Primitive::Date
            | Primitive::Time
            | Primitive::Duration => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_primitive_has_an_xsd_name_that_maps_back() {
        for &p in Primitive::ALL {
            assert_eq!(Primitive::from_xsd_name(p.xsd_name()), Some(p));
        }
    }

    #[test]
    fn placeholders_map() {
        assert_eq!(Primitive::from_xsd_name("dateTime"), Some(Primitive::DateTime));
        assert_eq!(Primitive::from_xsd_name("guid"), Some(Primitive::Guid));
        assert_eq!(Primitive::from_xsd_name("String"), None);
        assert_eq!(Primitive::from_dotnet_name("String"), Some(Primitive::String));
        assert_eq!(Primitive::from_dotnet_name("TimeSpan"), Some(Primitive::Duration));
    }
}
