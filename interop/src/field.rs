//! One test body for every generated client, whatever its descriptions made optional.
//!
//! spyne marks every element `minOccurs="0"`, so its clients have `Option<T>` fields where the
//! ASP.NET-style WSDL and help page have `T` for value types. Tests write fields with [`put`]
//! and read them with [`get`], which fit either shape.

/// A struct field holding a `T`, required (`T`) or optional (`Option<T>`).
pub trait Field<T> {
    /// The field for `value`; `None` in a required field panics (the test asked for a shape
    /// the description does not allow).
    fn from_value(value: Option<T>) -> Self;
    /// The value, if present.
    fn into_value(self) -> Option<T>;
}

impl<T> Field<T> for T {
    fn from_value(value: Option<T>) -> Self {
        value.expect("this client's field is required: it needs a value")
    }
    fn into_value(self) -> Option<T> {
        Some(self)
    }
}

impl<T> Field<T> for Option<T> {
    fn from_value(value: Option<T>) -> Self {
        value
    }
    fn into_value(self) -> Option<T> {
        self
    }
}

/// A field holding `value`.
pub fn put<T, F: Field<T>>(value: T) -> F {
    F::from_value(Some(value))
}

/// The value of a field, `None` when an optional field is empty.
pub fn get<T, F: Field<T>>(field: F) -> Option<T> {
    field.into_value()
}

/// The values of a list field whose items may be optional (spyne's arrays are
/// `nillable="true"`), absent items left out.
pub fn get_all<T, F: Field<T>>(items: impl IntoIterator<Item = F>) -> Vec<T> {
    items.into_iter().filter_map(Field::into_value).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_both_shapes() {
        let required: i32 = put(7);
        let optional: Option<i32> = put(7);
        assert_eq!((required, optional), (7, Some(7)));
        assert_eq!(get::<i32, _>(required), Some(7));
        assert_eq!(get::<i32, _>(None::<i32>), None);
        assert_eq!(get_all::<i32, _>(vec![Some(1), None, Some(3)]), [1, 3]);
        assert_eq!(get_all::<i32, _>(vec![1, 2]), [1, 2]);
    }
}
