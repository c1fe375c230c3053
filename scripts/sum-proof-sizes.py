#!/usr/bin/env python3
"""Rewrites the proof sizes of a generated weights.rs as the sum over the storage items a call reads.

The benchmark CLI estimates the proof size of each storage item a benchmark reads (distinct keys
read, times the item's maximum encoded length plus trie overhead) and then keeps only the largest
item's estimate (polkadot-sdk `frame-benchmarking-cli`, `writer.rs`, since substrate#13766). A call
that reads 64 operators, 17 deadline blocks and a queue is charged for the operators alone. This
script charges the sum, as a proof carries every item.

  sum-proof-sizes.py WEIGHTS LOW

WEIGHTS is the file the full run wrote; its storage comments count the reads at each component's
highest value. LOW is a file written by a second run of the same pallet with `--high 2` (two
values are the fewest the CLI analyses), whose comments count the reads at component value 2.
The two give each item's reads as a line in the
component (benchmarks here have at most one component); the sum of the lines replaces the proof
size of both impls in WEIGHTS. Reference time and database reads and writes stay as generated.
A component of range [0, 1] selects a path (the verifier backend): its reads are taken at 1,
the value the full run's comments show.
"""
import math
import re
import sys

# The CLI adds this much per storage item read, for the trie layers above it (its default of two
# additional layers, 15 sibling hashes of 33 bytes each).
TRIE_LAYERS_OVERHEAD = 2 * 15 * 33

# Items whose type has no maximum encoded length, with what a read of them is charged.
# `ParachainSystem::ValidationData` (read by every call that verifies, to learn whether the block's
# relay reading is in): the parent block's header (about 250 bytes; up to 4 KB at a session change,
# whose Aura digest lists every collator) plus 40 bytes. In a block the `set_validation_data`
# inherent writes it before any call runs, so a call's read adds nothing to the proof; 1 KiB
# covers an ordinary header for a read outside that, and weight reclaim returns what is unused.
KNOWN_BOUNDS = {"ParachainSystem::ValidationData": 1024 + 40}

# A weight function with its doc comments (the `()` impl's functions have none).
FUNCTION = re.compile(
    r"((?:\t///[^\n]*\n)*)\tfn (\w+)\(([^)]*)\) -> Weight \{\n(.*?)\n\t\}", re.S
)
STORAGE = re.compile(
    r"Storage: `([^`]+)` \(r:(\d+) w:\d+\)\n\t/// Proof: `[^`]+` \(([^\n]*)\)"
)
UNKNOWN = re.compile(r"Storage: UNKNOWN KEY `0x([0-9a-f]+)` \(r:(\d+)")
RANGE = re.compile(r"The range of component `(\w+)` is `\[(\d+), (\d+)\]`")
PROOF_LINE = re.compile(
    r"\n\t+\.saturating_add\(Weight::from_parts\(0, \d+\)(?:\.saturating_mul\(\w+\.into\(\)\))?\)"
)


def substrate_impl(text):
    start = text.index("WeightInfo for SubstrateWeight<T> {")
    return text[start : text.index("\n}\n", start)]


def reads_per_item(path):
    """For each benchmark: {item: (reads, bytes per read)} and its component range, if any."""
    result = {}
    for comments, name, _, _ in FUNCTION.findall(substrate_impl(open(path).read())):
        items = {}
        for key, reads in UNKNOWN.findall(comments):
            if int(reads):
                sys.exit(f"{path}: {name} reads storage the CLI cannot name (0x{key})")
        for item, reads, info in STORAGE.findall(comments):
            added = re.search(r"added: (\d+)", info)
            if added is not None:
                size = int(added.group(1))
            elif item in KNOWN_BOUNDS:
                size = KNOWN_BOUNDS[item]
            elif int(reads):
                sys.exit(f"{path}: {name} reads `{item}`, which has no maximum encoded length")
            else:
                continue
            items[item] = (int(reads), size)
        ranges = RANGE.findall(comments)
        if len(ranges) > 1:
            sys.exit(f"{path}: {name} has several components; this script handles one")
        result[name] = (items, ranges[0] if ranges else None)
    return result


def summed_proof(name, high, low):
    """(base, slope, component) of the summed proof size of benchmark `name`."""
    items, component = high[name]
    # A component of range [0, 1] selects a path (the backend) rather than a count: charge the
    # reads at its highest value whatever it is.
    if component is None or int(component[2]) <= 1:
        base = sum(reads * size + TRIE_LAYERS_OVERHEAD for reads, size in items.values() if reads)
        return base, 0, None
    component, top = component[0], int(component[2])
    low_items, low_range = low[name]
    if low_range is None or not 0 < int(low_range[2]) < top:
        sys.exit(f"{name}: the low run must end above 0 and below the full run's top ({top})")
    near = int(low_range[2])
    base = slope = 0.0
    for item in items.keys() | low_items.keys():
        reads_top, size = items.get(item, (0, low_items[item][1]))
        reads_near = low_items.get(item, (0, size))[0]
        per_unit = max(0.0, (reads_top - reads_near) / (top - near))
        at_zero = max(0.0, reads_near - per_unit * near)
        base += at_zero * size + (TRIE_LAYERS_OVERHEAD if reads_top or reads_near else 0)
        slope += per_unit * size
    return math.ceil(base), math.ceil(slope), component


def with_proof(args, body, proof):
    """`args` and `body` of a weight function with its proof-size terms replaced by `proof`."""
    base, slope, component = proof
    lines = PROOF_LINE.sub("", body).split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("Weight::from_parts("))
    lines.insert(start + 1, f"\t\t\t.saturating_add(Weight::from_parts(0, {base}))")
    if slope:
        # The CLI marks a component that no reference-time or database term uses `_name`.
        args = re.sub(rf"\b_{component}:", f"{component}:", args)
        lines.append(
            f"\t\t\t.saturating_add(Weight::from_parts(0, {slope}).saturating_mul({component}.into()))"
        )
    return args, "\n".join(lines)


def rewrite(text, proofs):
    def patch(match):
        comments, name, args, body = match.groups()
        if name not in proofs:
            return match.group(0)
        args, body = with_proof(args, body, proofs[name])
        return f"{comments}\tfn {name}({args}) -> Weight {{\n{body}\n\t}}"

    return FUNCTION.sub(patch, text)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    weights, low_path = sys.argv[1], sys.argv[2]
    high, low = reads_per_item(weights), reads_per_item(low_path)
    proofs = {name: summed_proof(name, high, low) for name in high}
    text = open(weights).read()
    marker = "//! Regenerate with `scripts/bench.sh weights`; never edit by hand.\n"
    note = (
        "//! Proof sizes are the sum over the storage items read (`scripts/sum-proof-sizes.py`), not\n"
        "//! the benchmark CLI's largest single item.\n"
    )
    if note not in text:
        text = text.replace(marker, marker + note)
    open(weights, "w").write(rewrite(text, proofs))
    for name, (base, slope, component) in proofs.items():
        per = f" + {slope} * {component}" if slope else ""
        print(f"{name}: proof {base}{per} bytes")


if __name__ == "__main__":
    main()
