//! The weights the runtime charges fit its blocks. The work the chain does on its own each block,
//! at its worst, leaves most of the block to calls: missed deadlines cost little to cause
//! compared with what handling them reads (a full operator list each, among the rest), and a
//! runtime whose limits let them take the whole block would let a crowd of them starve every
//! call. And the largest call of each kind, weighed as dispatch reserves it with its length,
//! fits in a block beside those hooks: one that did not could be kept out of blocks, or never be
//! included.

#![allow(clippy::arithmetic_side_effects, clippy::expect_used)]

use pallet_inference::WeightInfo;
use polkadot_sdk::frame_support::{dispatch::DispatchClass, traits::Get, weights::Weight};
use veritas_runtime::{Runtime, RuntimeBlockWeights, MAXIMUM_BLOCK_WEIGHT};

type Inference = pallet_inference::Pallet<Runtime>;
type Weights = <Runtime as pallet_inference::Config>::WeightInfo;

#[test]
fn the_most_deadlines_and_slashes_one_block_handles_take_at_most_half_of_it() {
	let worst = Inference::on_initialize_worst_case();
	let half = Weight::from_parts(
		MAXIMUM_BLOCK_WEIGHT.ref_time() / 2,
		MAXIMUM_BLOCK_WEIGHT.proof_size() / 2,
	);
	assert!(
		worst.all_lte(half),
		"on_initialize may weigh {worst:?}, more than half a block ({half:?}): lower \
		 MaxDeadlinesHandledPerBlock or MaxSlashesAppliedPerBlock"
	);
}

/// A bound on the encoded length of a signed call whose arguments take `arguments` bytes: the
/// signature, address and extensions take less than this.
fn signed_len(arguments: u32) -> u64 {
	u64::from(arguments) + 512
}

#[test]
fn the_largest_call_of_each_kind_fits_in_a_block_beside_the_markets_hooks() {
	let weights = RuntimeBlockWeights::get();
	let normal = weights.get(DispatchClass::Normal);
	let limit = normal.max_extrinsic.expect("normal calls have a limit");
	// A normal call is refused once the block's total would pass `max_block`: it must fit beside
	// the block's own cost and the market's hooks at their worst, or a backlog of deadlines
	// could keep it out of every block. (The message queue's share comes on top: README.)
	let beside = weights
		.max_block
		.saturating_sub(weights.base_block + Inference::on_initialize_worst_case());
	let results = <Runtime as pallet_inference::Config>::MaxResultsPerCall::get();
	let input = <Runtime as pallet_inference::Config>::MaxInputLen::get();
	// Job id, output, proof and their length prefixes.
	let result_len = 8 + 2 + veritas_verifier::MAX_OUTPUT_LEN + 2 + 192;
	let calls = [
		(
			"submit_results at MaxResultsPerCall",
			Inference::submit_results_weight(results, None),
			signed_len(results * result_len),
		),
		("submit_result", Inference::submit_result_weight(None), signed_len(result_len)),
		("submit_job at MaxInputLen", Weights::submit_job(input), signed_len(input + 64)),
		("register_operator", Weights::register_operator(), signed_len(512)),
		("update_operator", Weights::update_operator(), signed_len(512)),
		("bond_extra", Weights::bond_extra(), signed_len(32)),
	];
	for (call, weight, len) in calls {
		// `CheckWeight` counts the call's length as proof size.
		let weight = weight + normal.base_extrinsic + Weight::from_parts(0, len);
		assert!(
			weight.all_lte(limit),
			"{call} reserves {weight:?}, more than a call may ({limit:?})"
		);
		assert!(
			weight.all_lte(beside),
			"{call} reserves {weight:?}, more than a block leaves beside its hooks ({beside:?})"
		);
	}
}

/// The hooks that run in every block together stay within it: the market's worst case, the
/// message queue's service budget and the scheduler's (which enacts referenda), on top of the
/// block's own cost. Each is a mandatory share; were their sum above a block, a block with all
/// three busy would take longer than a relay validator allows.
#[test]
fn the_market_the_message_queue_and_the_scheduler_share_a_block() {
	let weights = RuntimeBlockWeights::get();
	let scheduler = <Runtime as polkadot_sdk::pallet_scheduler::Config>::MaximumWeight::get();
	let queue = veritas_runtime::configs::MessageQueueServiceWeight::get();
	let hooks = weights.base_block + Inference::on_initialize_worst_case() + queue + scheduler;
	assert!(
		hooks.all_lte(weights.max_block),
		"the hooks may weigh {hooks:?} in one block, more than a block ({:?})",
		weights.max_block
	);
}

/// A `submit_results` call is never charged after dispatch more than it reserved before, for
/// any size, backend, path, number of models or of rejections: the generated weights keep that
/// shape, so the cap at the reservation never hides work.
#[test]
fn submit_results_never_costs_more_than_it_reserved() {
	let most_models: u32 = <Runtime as pallet_inference::Config>::MaxModelsPerCall::get();
	let most_results: u32 = <Runtime as pallet_inference::Config>::MaxResultsPerCall::get();
	for count in 1..=most_results {
		let reserved = Inference::submit_results_weight(count, None);
		for wasm in [0, 1] {
			for checked_one_by_one in [false, true] {
				for models in 1..=most_models.min(count) {
					for rejected in 0..=count {
						let outcome = pallet_inference::types::BatchOutcome {
							accepted: count - rejected,
							rejected,
							checked_one_by_one,
							models,
							// Every slot took a queued job: nothing refunded.
							queue_served: count - rejected,
						};
						let done = Inference::submit_results_done(count, outcome, wasm);
						assert!(
							done.all_lte(reserved),
							"{count} results, {outcome:?}, backend {wasm}: {done:?} > {reserved:?}"
						);
					}
				}
			}
		}
	}
}

/// A call answering a second model is always charged more than one answering a single model
/// with as many results, on either backend and path: the benchmarks behind the charge could
/// otherwise leave it at zero (a difference of two fitted formulas, saturated).
#[test]
fn a_further_model_is_always_charged() {
	let most_results: u32 = <Runtime as pallet_inference::Config>::MaxResultsPerCall::get();
	for count in 2..=most_results {
		for wasm in [0, 1] {
			for checked_one_by_one in [false, true] {
				let outcome = |models| pallet_inference::types::BatchOutcome {
					accepted: count,
					rejected: 0,
					checked_one_by_one,
					models,
					queue_served: count,
				};
				let one = Inference::submit_results_done(count, outcome(1), wasm);
				let two = Inference::submit_results_done(count, outcome(2), wasm);
				assert!(
					two.all_gt(one),
					"{count} results, backend {wasm}: {two:?} is not above {one:?}"
				);
			}
		}
	}
}
