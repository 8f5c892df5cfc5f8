//! Invitation files read from any stick: arbitrary bytes, with or without the magic, never panic
//! and never open.

use proptest::prelude::*;
use tiendo_core::file::invite::{self, INVITE_MAGIC};

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn any_bytes_are_refused_without_a_panic(tail in proptest::collection::vec(any::<u8>(), 0..600), magic in any::<bool>()) {
        let mut bytes = if magic { INVITE_MAGIC.to_vec() } else { Vec::new() };
        bytes.extend_from_slice(&tail);
        prop_assert!(invite::open(&bytes, "ABCD-EFGH-JKLM-NPQR").is_err());
    }

    #[test]
    fn a_well_formed_header_with_random_seal_and_export_does_not_open(
        sealed in proptest::collection::vec(any::<u8>(), 48),
        export in proptest::collection::vec(any::<u8>(), 0..200),
    ) {
        let header = br#"{"workspace":"w","agency":"so-y-te","device":"0a","public_key":"00","created_ms":0,"salt":"0011","nonce":"000000000000000000000000","iterations":1}"#;
        let mut bytes = INVITE_MAGIC.to_vec();
        bytes.extend_from_slice(&1u16.to_be_bytes());
        bytes.extend_from_slice(&(header.len() as u32).to_be_bytes());
        bytes.extend_from_slice(header);
        bytes.extend_from_slice(&sealed);
        bytes.extend_from_slice(&export);
        prop_assert_eq!(invite::open(&bytes, "code").err(), Some(invite::InviteError::Seal));
    }
}
