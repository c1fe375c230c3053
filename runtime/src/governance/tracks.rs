//! The referendum tracks: one per origin, each sized for what its decisions put at stake.
//! docs/governance.md explains every figure; in short:
//!
//! - `root` (runtime upgrades, anything): a large deposit, two weeks to decide, a day to
//!   confirm and a day before enactment, so that anyone can react to an upgrade; at most two
//!   at once.
//! - `model_approver`: approving a model means trusting whoever ran its setup; a week to
//!   decide, half a day to confirm, and the model is usable ten minutes after.
//! - `slash_arbiter`: its whole course must end within the shortest slash deferral
//!   (`MarketEnvelope`'s least `slash_defer_period`), or a cancellation arrives after the slash applied: one day to
//!   decide, two hours to confirm, enacted the block after. Many may run at once, so a queue of
//!   cheap referenda cannot hold up a real one.
//! - `parameter_admin`: market economics; a week to decide, a day to confirm, an hour before
//!   enactment.
//! - `treasurer`: spends up to `MAX_TREASURER_SPEND`; a week to decide, a day to confirm, a day
//!   before enactment.
//! - `referendum_canceller` and `referendum_killer`: stop a referendum faster than `root` could
//!   (a bad proposal in its confirm period, spam holding deciding slots); three hours to confirm,
//!   enacted ten minutes later. Killing burns the deposits, so it costs more to propose.
//!
//! The development preset swaps in [`DEVELOPMENT_TRACKS`]: the same tracks with periods of a few
//! blocks and a small deposit, so that a referendum completes in about a minute.

use super::origins::{DevelopmentTracks, Origin};
use crate::{Balance, BlockNumber, OriginCaller, Runtime, DAYS, HOURS, MINUTES, UNIT};
use alloc::borrow::Cow;
use pallet_referenda::{Curve, Track, TrackInfo};
use polkadot_sdk::{frame_system, pallet_referenda, sp_runtime::str_array, sp_runtime::Perbill};

/// A track's identifier, as `pallet-referenda` stores it.
pub type TrackId = u16;

pub const ROOT: TrackId = 0;
pub const MODEL_APPROVER: TrackId = 1;
pub const SLASH_ARBITER: TrackId = 2;
pub const PARAMETER_ADMIN: TrackId = 3;
pub const TREASURER: TrackId = 4;
pub const REFERENDUM_CANCELLER: TrackId = 5;
pub const REFERENDUM_KILLER: TrackId = 6;

type VeritasTrack = Track<TrackId, Balance, BlockNumber>;

/// A threshold that falls linearly from `ceil` at the start of the decision period to `floor`
/// at its end.
const fn falling(ceil: u32, floor: u32) -> Curve {
	Curve::LinearDecreasing {
		length: Perbill::from_percent(100),
		floor: Perbill::from_percent(floor),
		ceil: Perbill::from_percent(ceil),
	}
}

/// Like [`falling`], in parts per thousand, for support floors below one percent.
const fn falling_permille(ceil: u32, floor: u32) -> Curve {
	Curve::LinearDecreasing {
		length: Perbill::from_percent(100),
		floor: Perbill::from_perthousand(floor),
		ceil: Perbill::from_perthousand(ceil),
	}
}

#[allow(clippy::too_many_arguments)]
const fn track(
	id: TrackId,
	name: &str,
	max_deciding: u32,
	decision_deposit: Balance,
	prepare_period: BlockNumber,
	decision_period: BlockNumber,
	confirm_period: BlockNumber,
	min_enactment_period: BlockNumber,
	min_approval: Curve,
	min_support: Curve,
) -> VeritasTrack {
	Track {
		id,
		info: TrackInfo {
			name: str_array(name),
			max_deciding,
			decision_deposit,
			prepare_period,
			decision_period,
			confirm_period,
			min_enactment_period,
			min_approval,
			min_support,
		},
	}
}

/// The tracks of every chain but a development one.
pub const TRACKS: [VeritasTrack; 7] = [
	track(
		ROOT,
		"root",
		2,
		100_000 * UNIT,
		2 * HOURS,
		14 * DAYS,
		DAYS,
		DAYS,
		falling(100, 50),
		falling(50, 2),
	),
	track(
		MODEL_APPROVER,
		"model_approver",
		20,
		1_000 * UNIT,
		HOURS,
		7 * DAYS,
		12 * HOURS,
		10 * MINUTES,
		falling(100, 50),
		falling(20, 1),
	),
	track(
		SLASH_ARBITER,
		"slash_arbiter",
		50,
		500 * UNIT,
		10 * MINUTES,
		DAYS,
		2 * HOURS,
		1,
		falling(100, 50),
		falling_permille(100, 5),
	),
	track(
		PARAMETER_ADMIN,
		"parameter_admin",
		10,
		5_000 * UNIT,
		HOURS,
		7 * DAYS,
		DAYS,
		HOURS,
		falling(100, 50),
		falling(20, 1),
	),
	track(
		TREASURER,
		"treasurer",
		10,
		5_000 * UNIT,
		HOURS,
		7 * DAYS,
		DAYS,
		DAYS,
		falling(100, 50),
		falling(20, 1),
	),
	track(
		REFERENDUM_CANCELLER,
		"referendum_canceller",
		20,
		10_000 * UNIT,
		HOURS,
		7 * DAYS,
		3 * HOURS,
		10 * MINUTES,
		falling(100, 50),
		falling(20, 1),
	),
	track(
		REFERENDUM_KILLER,
		"referendum_killer",
		20,
		50_000 * UNIT,
		HOURS,
		7 * DAYS,
		3 * HOURS,
		10 * MINUTES,
		falling(100, 50),
		falling(20, 1),
	),
];

/// The tracks of a development chain: a referendum is decided as soon as one well-funded dev
/// account votes for it, confirmed two blocks later and enacted the block after.
pub const DEVELOPMENT_TRACKS: [VeritasTrack; 7] = [
	dev_track(ROOT, "root"),
	dev_track(MODEL_APPROVER, "model_approver"),
	dev_track(SLASH_ARBITER, "slash_arbiter"),
	dev_track(PARAMETER_ADMIN, "parameter_admin"),
	dev_track(TREASURER, "treasurer"),
	dev_track(REFERENDUM_CANCELLER, "referendum_canceller"),
	dev_track(REFERENDUM_KILLER, "referendum_killer"),
];

const fn dev_track(id: TrackId, name: &str) -> VeritasTrack {
	track(id, name, 10, 10 * UNIT, 1, 5 * MINUTES, 2, 1, falling(50, 50), falling_permille(10, 1))
}

/// The tracks in force on this chain.
pub fn in_force() -> &'static [VeritasTrack] {
	if DevelopmentTracks::<Runtime>::get() {
		&DEVELOPMENT_TRACKS
	} else {
		&TRACKS
	}
}

/// The longest a referendum on track `id` of `tracks` can take from submission to enactment
/// when it is decided at once and passes as late as possible: the prepare, decision and
/// confirm periods, the shortest enactment, and one alarm interval of rounding. Queueing for a
/// deciding slot comes on top; `max_deciding` keeps it unlikely on the tracks that race a
/// deadline.
pub const fn course(tracks: &[VeritasTrack], id: TrackId) -> Option<BlockNumber> {
	let mut rest = tracks;
	while let [track, tail @ ..] = rest {
		if track.id == id {
			let info = &track.info;
			return Some(
				info.prepare_period
					.saturating_add(info.decision_period)
					.saturating_add(info.confirm_period)
					.saturating_add(info.min_enactment_period)
					.saturating_add(super::ALARM_INTERVAL),
			);
		}
		rest = tail;
	}
	None
}

/// The tracks as `pallet-referenda` sees them.
pub struct Tracks;
impl pallet_referenda::TracksInfo<Balance, BlockNumber> for Tracks {
	type Id = TrackId;
	type RuntimeOrigin = OriginCaller;

	fn tracks() -> impl Iterator<Item = Cow<'static, VeritasTrack>> {
		in_force().iter().map(Cow::Borrowed)
	}

	fn track_for(origin: &Self::RuntimeOrigin) -> Result<Self::Id, ()> {
		match origin {
			OriginCaller::system(frame_system::RawOrigin::Root) => Ok(ROOT),
			OriginCaller::Origins(Origin::ModelApprover) => Ok(MODEL_APPROVER),
			OriginCaller::Origins(Origin::SlashArbiter) => Ok(SLASH_ARBITER),
			OriginCaller::Origins(Origin::ParameterAdmin) => Ok(PARAMETER_ADMIN),
			OriginCaller::Origins(Origin::Treasurer) => Ok(TREASURER),
			OriginCaller::Origins(Origin::ReferendumCanceller) => Ok(REFERENDUM_CANCELLER),
			OriginCaller::Origins(Origin::ReferendumKiller) => Ok(REFERENDUM_KILLER),
			_ => Err(()),
		}
	}
}
