//! Identifier newtypes. Each is a short ASCII string with a specific parse error, so that an
//! agency id can never be passed where a period id is expected.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Why a string is not a valid identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// The string was empty.
    #[error("{kind} must not be empty")]
    Empty {
        /// Which kind of id was being parsed.
        kind: &'static str,
    },
    /// The string was longer than 64 bytes.
    #[error("{kind} is too long ({len} bytes, at most 64): {value:?}")]
    TooLong {
        /// Which kind of id was being parsed.
        kind: &'static str,
        /// Its length in bytes.
        len: usize,
        /// The offending value.
        value: String,
    },
    /// The string held a character outside `A-Z a-z 0-9 - _ . /`.
    #[error("{kind} {value:?} holds the character {ch:?}; only A-Z, a-z, 0-9, '-', '_', '.', '/' are allowed")]
    BadChar {
        /// Which kind of id was being parsed.
        kind: &'static str,
        /// The offending character.
        ch: char,
        /// The offending value.
        value: String,
    },
}

fn validate(kind: &'static str, value: &str) -> Result<(), IdError> {
    if value.is_empty() {
        return Err(IdError::Empty { kind });
    }
    if value.len() > 64 {
        return Err(IdError::TooLong { kind, len: value.len(), value: value.to_owned() });
    }
    if let Some(ch) = value.chars().find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'))) {
        return Err(IdError::BadChar { kind, ch, value: value.to_owned() });
    }
    Ok(())
}

macro_rules! define_id {
    ($(#[$doc:meta])* $name:ident, $kind:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// Parses and validates an id.
            pub fn new(value: impl Into<String>) -> Result<Self, IdError> {
                let value = value.into();
                validate($kind, &value)?;
                Ok(Self(value))
            }
            /// The id as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::new(s)
            }
        }
        impl TryFrom<String> for $name {
            type Error = IdError;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                Self::new(s)
            }
        }
        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }
        impl autosurgeon::Reconcile for $name {
            type Key<'a> = autosurgeon::reconcile::NoKey;
            fn reconcile<R: autosurgeon::Reconciler>(&self, reconciler: R) -> Result<(), R::Error> {
                self.0.reconcile(reconciler)
            }
        }
        impl autosurgeon::Hydrate for $name {
            fn hydrate_string(s: &'_ str) -> Result<Self, autosurgeon::HydrateError> {
                Self::new(s).map_err(|e| autosurgeon::HydrateError::unexpected("a valid id", e.to_string()))
            }
        }
    };
}

define_id!(
    /// An agency: `so-tu-phap`, `vp-ubnd`, `h-cang-long`.
    AgencyId, "agency id"
);
define_id!(
    /// A workspace (one province's space), e.g. `tra-vinh-2020`.
    WorkspaceId, "workspace id"
);
define_id!(
    /// A plan, e.g. `01-qd-ubnd-2020`.
    PlanId, "plan id"
);
define_id!(
    /// A section of a plan: its number, e.g. `3`.
    SectionId, "section id"
);
define_id!(
    /// A task of a plan: its number, e.g. `3.4`.
    TaskId, "task id"
);
define_id!(
    /// A target of a plan, e.g. `2.1/t1`.
    TargetId, "target id"
);
define_id!(
    /// A reporting period with a stable id: `2020-IMPL`, `2020-M03`, `2020-Q1`, `2020-H1`, `2020-Y`.
    PeriodId, "period id"
);
define_id!(
    /// A group of agencies the office names, e.g. `cac-xa-bien-gioi`; the standing groups are
    /// `all_departments`, `all_districts`, `all_communes`.
    GroupId, "group id"
);
define_id!(
    /// A device (one browser profile or the server) that writes documents.
    DeviceId, "device id"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_display_and_from_str() {
        let id: PeriodId = "2020-Q1".parse().expect("valid");
        assert_eq!(id.to_string(), "2020-Q1");
    }

    #[test]
    fn ids_reject_spaces_and_diacritics_with_the_offending_char() {
        assert_eq!(AgencyId::new("sở"), Err(IdError::BadChar { kind: "agency id", ch: 'ở', value: "sở".into() }));
        assert!(matches!(AgencyId::new(""), Err(IdError::Empty { .. })));
        assert!(matches!(AgencyId::new("a".repeat(65)), Err(IdError::TooLong { len: 65, .. })));
    }

    #[test]
    fn ids_deserialize_only_when_valid() {
        assert!(serde_json::from_str::<TaskId>("\"3.4\"").is_ok());
        assert!(serde_json::from_str::<TaskId>("\"3 4\"").is_err());
    }
}
