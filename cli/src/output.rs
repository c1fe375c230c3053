//! Printing a command's result: `key: value` lines for people, one JSON object for scripts.

use crate::Format;
use serde_json::Value;

pub fn print(format: Format, report: &Value) {
	match format {
		Format::Json => println!("{report}"),
		Format::Text => print_text(report, 0),
	}
}

fn print_text(value: &Value, indent: usize) {
	let pad = "  ".repeat(indent);
	match value {
		Value::Object(map) => {
			for (key, value) in map {
				match value {
					Value::Object(_) => {
						println!("{pad}{key}:");
						print_text(value, indent.saturating_add(1));
					}
					Value::Array(items) if items.iter().any(|i| i.is_object()) => {
						println!("{pad}{key}:");
						for item in items {
							println!("{pad}  -");
							print_text(item, indent.saturating_add(2));
						}
					}
					_ => println!("{pad}{key}: {}", scalar(value)),
				}
			}
		}
		other => println!("{pad}{}", scalar(other)),
	}
}

fn scalar(value: &Value) -> String {
	match value {
		Value::String(s) => s.clone(),
		Value::Array(items) => items.iter().map(scalar).collect::<Vec<_>>().join(", "),
		Value::Null => "-".into(),
		other => other.to_string(),
	}
}
