//! A plain-XML service's error reply: ServiceStack answers a failed request with HTTP 4xx/5xx
//! and the operation's response DTO as the body, its `ResponseStatus` saying what went wrong.
//! [`Error::Service`](crate::Error::Service) carries the DTO parsed, the `ResponseStatus`
//! read from it, and the raw body.

use std::any::Any;
use std::fmt;
use std::sync::Arc;

use crate::xml::{XmlError, XmlReader};

/// What a ServiceStack `ResponseStatus` says: an error code, a message, and per-field errors.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResponseStatus {
    /// `ErrorCode`: the exception or error name (`ValidationException`, `NotFound`).
    pub error_code: Option<String>,
    /// `Message`.
    pub message: Option<String>,
    /// `StackTrace`, when the service is in debug mode.
    pub stack_trace: Option<String>,
    /// `Errors`: one per invalid field.
    pub errors: Vec<FieldError>,
}

/// One `ResponseError` of a [`ResponseStatus`]: which field, and why.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldError {
    /// `ErrorCode` (`NotEmpty`, `Length`).
    pub error_code: Option<String>,
    /// `FieldName`.
    pub field_name: Option<String>,
    /// `Message`.
    pub message: Option<String>,
}

impl ResponseStatus {
    /// The status a DTO document carries: its `ResponseStatus` child, or the root's own
    /// `ErrorCode` / `Message` / `StackTrace` / `Errors` children (DTOs that inline them).
    /// `None` when it has neither. Namespaces are not looked at: ServiceStack's vary.
    pub fn from_document(xml: &str) -> Option<ResponseStatus> {
        let mut r = XmlReader::new(xml);
        r.next_child().ok()??;
        let mut status = ResponseStatus::default();
        let mut found = false;
        while let Some(tag) = r.next_child().ok()? {
            if tag.local == "ResponseStatus" {
                return read_status(&mut r).ok();
            }
            found |= status.read_part(&mut r, tag.local).ok()?;
        }
        found.then_some(status)
    }

    /// Reads the child `local` just started into its place; false when it is not one.
    fn read_part(&mut self, r: &mut XmlReader<'_>, local: &str) -> Result<bool, XmlError> {
        match local {
            "ErrorCode" => self.error_code = text(r)?,
            "Message" => self.message = text(r)?,
            "StackTrace" => self.stack_trace = text(r)?,
            "Errors" => {
                while r.next_child()?.is_some() {
                    self.errors.push(read_field_error(r)?);
                }
            }
            _ => {
                r.skip()?;
                return Ok(false);
            }
        }
        Ok(true)
    }
}

fn text(r: &mut XmlReader<'_>) -> Result<Option<String>, XmlError> {
    if r.is_nil() {
        r.skip()?;
        return Ok(None);
    }
    Ok(Some(r.read_text()?.into_owned()))
}

fn read_status(r: &mut XmlReader<'_>) -> Result<ResponseStatus, XmlError> {
    let mut status = ResponseStatus::default();
    while let Some(tag) = r.next_child()? {
        status.read_part(r, tag.local)?;
    }
    Ok(status)
}

fn read_field_error(r: &mut XmlReader<'_>) -> Result<FieldError, XmlError> {
    let mut e = FieldError::default();
    while let Some(tag) = r.next_child()? {
        match tag.local {
            "ErrorCode" => e.error_code = text(r)?,
            "FieldName" => e.field_name = text(r)?,
            "Message" => e.message = text(r)?,
            _ => r.skip()?,
        }
    }
    Ok(e)
}

/// A plain-XML service's error reply whose body is the operation's response DTO.
#[derive(Clone)]
pub struct ServiceError {
    /// The HTTP status code (4xx or 5xx).
    pub status: u16,
    /// The response's Content-Type, if any.
    pub content_type: Option<String>,
    /// The first 4 KiB of the body, as lossy UTF-8.
    pub body: String,
    /// What the DTO's `ResponseStatus` says, when it has one.
    pub response_status: Option<ResponseStatus>,
    /// The DTO, parsed as the operation's response type.
    pub(crate) response: Arc<dyn Any + Send + Sync>,
}

impl ServiceError {
    pub(crate) fn new<T: Any + Send + Sync>(
        status: u16,
        content_type: Option<String>,
        body: String,
        response_status: Option<ResponseStatus>,
        response: T,
    ) -> Self {
        ServiceError { status, content_type, body, response_status, response: Arc::new(response) }
    }

    /// The response DTO, when `T` is the operation's response type
    /// (`err.response::<GetCustomerResponse>()`).
    pub fn response<T: Any>(&self) -> Option<&T> {
        self.response.downcast_ref()
    }
}

impl fmt::Debug for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceError")
            .field("status", &self.status)
            .field("content_type", &self.content_type)
            .field("response_status", &self.response_status)
            .finish_non_exhaustive()
    }
}

/// Equal when the replies were: same status, content type and body.
impl PartialEq for ServiceError {
    fn eq(&self, other: &Self) -> bool {
        self.status == other.status
            && self.content_type == other.content_type
            && self.body == other.body
    }
}

impl Eq for ServiceError {}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP status {}: the service reported an error", self.status)?;
        match self.response_status.as_ref().and_then(|s| s.error_code.as_deref()) {
            Some(code) => write!(f, " ({code})"),
            None => Ok(()),
        }
    }
}
