//! VRT amounts as people write them (`25`, `0.5`) and as the chain counts them (10^-12 VRT).

use crate::{Balance, UNIT};

const DECIMALS: usize = 12;

/// Parses a VRT amount with up to 12 decimals.
pub fn parse_vrt(text: &str) -> Result<Balance, String> {
	let bad = || format!("'{text}' is not an amount of VRT (like 25 or 0.5)");
	let (whole, fraction) = text.trim().split_once('.').unwrap_or((text.trim(), ""));
	if whole.is_empty() && fraction.is_empty() {
		return Err(bad());
	}
	if fraction.len() > DECIMALS || !fraction.chars().all(|c| c.is_ascii_digit()) {
		return Err(format!("'{text}': VRT has at most {DECIMALS} decimals"));
	}
	let whole: Balance = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| bad())? };
	let fraction: Balance = if fraction.is_empty() {
		0
	} else {
		format!("{fraction:0<DECIMALS$}").parse().map_err(|_| bad())?
	};
	whole.checked_mul(UNIT).and_then(|w| w.checked_add(fraction)).ok_or_else(bad)
}

/// `12.5 VRT`.
pub fn show_vrt(amount: Balance) -> String {
	let whole = amount / UNIT;
	let fraction = amount % UNIT;
	if fraction == 0 {
		return format!("{whole} VRT");
	}
	let digits = format!("{fraction:0DECIMALS$}");
	format!("{whole}.{} VRT", digits.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn amounts_round_trip_and_refuse_nonsense() {
		assert_eq!(parse_vrt("25"), Ok(25 * UNIT));
		assert_eq!(parse_vrt("0.5"), Ok(UNIT / 2));
		assert_eq!(parse_vrt(".000000000001"), Ok(1));
		assert!(parse_vrt("0.0000000000001").is_err());
		assert!(parse_vrt("ten").is_err());
		assert!(parse_vrt("-1").is_err());
		assert!(parse_vrt("99999999999999999999999999999").is_err());
		assert_eq!(show_vrt(12 * UNIT + UNIT / 2), "12.5 VRT");
		assert_eq!(show_vrt(3 * UNIT), "3 VRT");
	}
}
