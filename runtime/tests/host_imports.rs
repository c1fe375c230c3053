//! Guards block execution on relay chains (DESIGN.md §3): relay validators execute parachain
//! blocks with a fixed set of host functions and trap on any other. This test lists every host
//! function the compiled runtime imports and fails on one that is not in the reviewed list below.
//!
//! Adding to the list needs a reason that holds for *block execution on a relay validator*:
//! either the PVF executor provides the function, or cumulus's `validate_block` replaces it with
//! an in-wasm implementation, or it is reachable only off chain (never while executing a block).

use std::collections::BTreeSet;

/// Provided by the PVF executor (polkadot-node-core-pvf-common `HostFunctions`: sp_io misc,
/// crypto, hashing, allocator, logging, trie).
const PVF: &[&str] = &[
	"ext_allocator_free_version_1",
	"ext_allocator_malloc_version_1",
	"ext_crypto_ecdsa_verify_version_2",
	"ext_crypto_ed25519_verify_version_1",
	"ext_crypto_secp256k1_ecdsa_recover_compressed_version_2",
	"ext_crypto_secp256k1_ecdsa_recover_version_2",
	"ext_crypto_sr25519_verify_version_2",
	"ext_crypto_start_batch_verify_version_1",
	"ext_crypto_finish_batch_verify_version_1",
	"ext_hashing_blake2_128_version_1",
	"ext_hashing_blake2_256_version_1",
	"ext_hashing_keccak_256_version_1",
	"ext_hashing_twox_128_version_1",
	"ext_hashing_twox_64_version_1",
	"ext_logging_enabled_version_1",
	"ext_logging_log_version_1",
	"ext_logging_max_level_version_1",
	"ext_misc_print_hex_version_1",
	"ext_misc_print_num_version_1",
	"ext_misc_print_utf8_version_1",
	"ext_misc_runtime_version_version_1",
	"ext_trie_blake2_256_ordered_root_version_2",
	"ext_trie_blake2_256_root_version_2",
	"ext_trie_keccak_256_ordered_root_version_2",
];

/// Crypto host functions that need a keystore: in the PVF set, and reachable only from session
/// key generation and offchain workers (runtime APIs a node calls, never block execution).
const KEYSTORE: &[&str] = &[
	"ext_crypto_ecdsa_generate_version_1",
	"ext_crypto_ecdsa_public_keys_version_1",
	"ext_crypto_ecdsa_sign_version_1",
	"ext_crypto_ed25519_generate_version_1",
	"ext_crypto_ed25519_public_keys_version_1",
	"ext_crypto_ed25519_sign_version_1",
	"ext_crypto_sr25519_generate_version_1",
	"ext_crypto_sr25519_public_keys_version_1",
	"ext_crypto_sr25519_sign_version_1",
];

/// RFC-163: available on relays with `ExecutorParam::EnabledHostFunction(EccRfc163)`. Used by
/// proof verification when the governed backend is `HostCalls`.
const RFC163: &[&str] = &[
	"ext_host_calls_bls12_381_final_exponentiation_version_1",
	"ext_host_calls_bls12_381_msm_g1_version_1",
	"ext_host_calls_bls12_381_msm_g2_version_1",
	"ext_host_calls_bls12_381_mul_g1_version_1",
	"ext_host_calls_bls12_381_mul_g2_version_1",
	"ext_host_calls_bls12_381_multi_miller_loop_version_1",
];

/// Storage access: cumulus's `validate_block` replaces these with in-wasm implementations over
/// the proof of validity (cumulus-pallet-parachain-system `validate_block/implementation.rs`).
const REPLACED_BY_VALIDATE_BLOCK: &[&str] = &[
	"ext_default_child_storage_clear_prefix_version_2",
	"ext_default_child_storage_clear_version_1",
	"ext_default_child_storage_exists_version_1",
	"ext_default_child_storage_get_version_1",
	"ext_default_child_storage_next_key_version_1",
	"ext_default_child_storage_read_version_1",
	"ext_default_child_storage_root_version_2",
	"ext_default_child_storage_set_version_1",
	"ext_default_child_storage_storage_kill_version_3",
	"ext_offchain_index_clear_version_1",
	"ext_offchain_index_set_version_1",
	"ext_storage_append_version_1",
	"ext_storage_clear_prefix_version_2",
	"ext_storage_clear_version_1",
	"ext_storage_commit_transaction_version_1",
	"ext_storage_exists_version_1",
	"ext_storage_get_version_1",
	"ext_storage_next_key_version_1",
	"ext_storage_proof_size_storage_proof_size_version_1",
	"ext_storage_read_version_1",
	"ext_storage_rollback_transaction_version_1",
	"ext_storage_root_version_2",
	"ext_storage_set_version_1",
	"ext_storage_start_transaction_version_1",
	"ext_transaction_index_index_version_1",
	"ext_transaction_index_renew_version_1",
];

/// Offchain-worker API: reachable only from `OffchainWorkerApi_offchain_worker`, which nodes run
/// outside block execution.
const OFFCHAIN_ONLY: &[&str] = &[
	"ext_offchain_is_validator_version_1",
	"ext_offchain_local_storage_clear_version_1",
	"ext_offchain_local_storage_compare_and_set_version_1",
	"ext_offchain_local_storage_get_version_1",
	"ext_offchain_local_storage_set_version_1",
	"ext_offchain_network_state_version_1",
	"ext_offchain_random_seed_version_1",
	"ext_offchain_submit_transaction_version_1",
	"ext_offchain_timestamp_version_1",
];

fn runtime_imports() -> BTreeSet<String> {
	let wasm = veritas_runtime::WASM_BINARY_BLOATY.expect("runtime wasm is built");
	let mut imports = BTreeSet::new();
	for payload in wasmparser::Parser::new(0).parse_all(wasm) {
		if let wasmparser::Payload::ImportSection(section) = payload.expect("valid wasm") {
			for import in section {
				let import = import.expect("valid import");
				if matches!(import.ty, wasmparser::TypeRef::Func(_)) {
					imports.insert(format!("{}::{}", import.module, import.name));
				}
			}
		}
	}
	imports
}

#[test]
fn runtime_imports_only_reviewed_host_functions() {
	let allowed: BTreeSet<String> =
		[PVF, KEYSTORE, RFC163, REPLACED_BY_VALIDATE_BLOCK, OFFCHAIN_ONLY]
			.concat()
			.into_iter()
			.map(|name| format!("env::{name}"))
			.collect();
	let imports = runtime_imports();
	let unreviewed: Vec<&String> = imports.difference(&allowed).collect();
	assert!(
		unreviewed.is_empty(),
		"the runtime imports host functions nobody reviewed for relay-chain execution: \
		 {unreviewed:#?}\nAdd each to a list in this test with the reason it is safe, or remove it."
	);
}

#[test]
fn runtime_uses_the_rfc163_pairing_host_calls() {
	// If this fails the HostCalls backend silently fell back to in-wasm maths.
	let imports = runtime_imports();
	for name in ["multi_miller_loop", "final_exponentiation"] {
		assert!(
			imports.iter().any(|i| i.contains(&format!("bls12_381_{name}"))),
			"no bls12_381 {name} host call imported: {imports:#?}"
		);
	}
}
