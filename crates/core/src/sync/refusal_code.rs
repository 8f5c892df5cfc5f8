//! What kind of refusal or error the server sent, as a code the app translates (the server's
//! words stay in English for logs and support, never shown as the message).

use std::fmt;
use std::str::FromStr;

/// The kind of a [`super::Refusal`], sent with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefusalCode {
    /// Not a document of this workspace.
    UnknownDocument,
    /// Not a sync message.
    BadMessage,
    /// A change by a device the workspace does not know.
    UnknownAuthor,
    /// A change by an agency that may not write the document.
    NotAllowed,
    /// Changes that do not apply.
    DoesNotApply,
    /// A change neither the sender's own nor vouched for.
    NotTheSender,
    /// Too many changes waiting for ones the document lacks.
    TooMuchWaiting,
    /// Changes that would break the document's schema.
    BreaksSchema,
}

impl RefusalCode {
    /// Every code.
    pub const ALL: &'static [RefusalCode] = &[
        RefusalCode::UnknownDocument,
        RefusalCode::BadMessage,
        RefusalCode::UnknownAuthor,
        RefusalCode::NotAllowed,
        RefusalCode::DoesNotApply,
        RefusalCode::NotTheSender,
        RefusalCode::TooMuchWaiting,
        RefusalCode::BreaksSchema,
    ];

    /// The code on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            RefusalCode::UnknownDocument => "unknown_document",
            RefusalCode::BadMessage => "bad_message",
            RefusalCode::UnknownAuthor => "unknown_author",
            RefusalCode::NotAllowed => "not_allowed",
            RefusalCode::DoesNotApply => "does_not_apply",
            RefusalCode::NotTheSender => "not_the_sender",
            RefusalCode::TooMuchWaiting => "too_much_waiting",
            RefusalCode::BreaksSchema => "breaks_schema",
        }
    }
}

impl fmt::Display for RefusalCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A code this build does not know (a newer server's).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown code {0:?}")]
pub struct UnknownRefusalCode(pub String);

impl FromStr for RefusalCode {
    type Err = UnknownRefusalCode;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RefusalCode::ALL.iter().copied().find(|c| c.as_str() == s).ok_or_else(|| UnknownRefusalCode(s.to_owned()))
    }
}

/// Why the server ends a connection with an error message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ServerErrorCode {
    /// The office retired this laptop's agency or merged it into another.
    AgencyEnded,
    /// No protocol version in common.
    NoCommonVersion,
    /// A message before the join.
    JoinFirst,
    /// A message only a server sends.
    ServerOnly,
    /// More attestations than one connection may hand in.
    TooManyAttestations,
    /// An attestation that does not verify.
    BadAttestation,
    /// A message that does not read.
    BadMessage,
}

impl ServerErrorCode {
    /// Every code.
    pub const ALL: &'static [ServerErrorCode] = &[
        ServerErrorCode::AgencyEnded,
        ServerErrorCode::NoCommonVersion,
        ServerErrorCode::JoinFirst,
        ServerErrorCode::ServerOnly,
        ServerErrorCode::TooManyAttestations,
        ServerErrorCode::BadAttestation,
        ServerErrorCode::BadMessage,
    ];

    /// The code on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            ServerErrorCode::AgencyEnded => "agency_ended",
            ServerErrorCode::NoCommonVersion => "no_common_version",
            ServerErrorCode::JoinFirst => "join_first",
            ServerErrorCode::ServerOnly => "server_only",
            ServerErrorCode::TooManyAttestations => "too_many_attestations",
            ServerErrorCode::BadAttestation => "bad_attestation",
            ServerErrorCode::BadMessage => "bad_message",
        }
    }
}

impl fmt::Display for ServerErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ServerErrorCode {
    type Err = UnknownRefusalCode;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ServerErrorCode::ALL.iter().copied().find(|c| c.as_str() == s).ok_or_else(|| UnknownRefusalCode(s.to_owned()))
    }
}

impl super::Refusal {
    /// The refusal's code.
    pub fn code(&self) -> RefusalCode {
        use super::Refusal as R;
        match self {
            R::UnknownDocument(_) => RefusalCode::UnknownDocument,
            R::BadMessage(_) => RefusalCode::BadMessage,
            R::UnknownAuthor { .. } => RefusalCode::UnknownAuthor,
            R::NotAllowed { .. } => RefusalCode::NotAllowed,
            R::DoesNotApply { .. } => RefusalCode::DoesNotApply,
            R::NotTheSender { .. } => RefusalCode::NotTheSender,
            R::TooMuchWaiting { .. } => RefusalCode::TooMuchWaiting,
            R::BreaksSchema { .. } => RefusalCode::BreaksSchema,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RefusalCode;

    #[test]
    fn every_code_reads_back_from_its_wire_form_and_an_unknown_one_is_an_error() {
        for c in RefusalCode::ALL {
            assert_eq!(c.as_str().parse::<RefusalCode>(), Ok(*c));
        }
        assert!("from_the_future".parse::<RefusalCode>().is_err());
        for c in super::ServerErrorCode::ALL {
            assert_eq!(c.as_str().parse::<super::ServerErrorCode>(), Ok(*c));
        }
    }
}
