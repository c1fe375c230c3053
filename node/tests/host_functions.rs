//! The collator must be able to execute Veritas's proof verification: the wasm executor the
//! node uses (`cumulus_client_service::ParachainHostFunctions`, which polkadot-omni-node-lib's
//! `ParachainHostFunctions` extends) has to carry the RFC-163 BLS12-381 host calls. A relay
//! chain's PVF executor carries the same calls once `EccRfc163` is enabled.

use polkadot_sdk::{
	cumulus_client_service::ParachainHostFunctions, sp_wasm_interface::HostFunctions,
};

#[test]
fn executor_carries_rfc163_bls12_381_host_calls() {
	let names: Vec<String> =
		ParachainHostFunctions::host_functions().iter().map(|f| f.name().to_string()).collect();
	for call in [
		"bls12_381_multi_miller_loop",
		"bls12_381_final_exponentiation",
		"bls12_381_msm_g1",
		"bls12_381_msm_g2",
		"bls12_381_mul_g1",
		"bls12_381_mul_g2",
	] {
		assert!(
			names.iter().any(|n| n.contains(call)),
			"host function {call} missing from ParachainHostFunctions: {names:?}"
		);
	}
}
