#!/usr/bin/env python3
"""Attributes a `perf` profile of runtime verification to wasm or to the host function it ran under.

    perf script -i batch.data -F ip,sym,dso --no-demangle | scripts/perf-host-calls.py ITERATIONS

Input: `perf record --call-graph dwarf` samples of `verifier_wasm_bench` run with
`WASMTIME_PROFILING_STRATEGY=perfmap` (docs/benchmarks.md, "Where a host-call verification spends
its time"). A sample whose innermost frame is JIT-compiled wasm (named in wasmtime's
/tmp/perf-PID.map) counts as wasm; a native sample counts under the `bls12_381_*` host function its
call stack passes through, or as executor code; module compilation is left out. Prints samples
and milliseconds per iteration (sample rate 999 Hz, as the documented command records).
"""

import collections
import re
import sys

SAMPLE_HZ = 999
COMPILE = ("cranelift", "regalloc2", "wasmparser", "parity_wasm", "wasm_instrument",
           "runtime_blob", "wasmtime_environ", "internal_environ", "RuntimeBlob")
FRAME = re.compile(r"\s*[0-9a-f]+\s+(.*?)\s+\(([^)]*)\)$")


def samples(lines):
    stack = []
    for line in lines:
        if not line.strip():
            if stack:
                yield stack
            stack = []
            continue
        frame = FRAME.match(line.rstrip("\n"))
        if frame:
            stack.append((frame.group(1), frame.group(2)))
    if stack:
        yield stack


def where(stack):
    names = [name for name, _ in stack]
    if any(part in name for name in names for part in COMPILE):
        return None
    if stack[0][1].startswith("/tmp/perf-"):
        return "wasm"
    for name in names:
        host = re.search(r"(bls12_381_[a-z0-9_]+?)(_version|17h|$)", name)
        if host and ("host_calls" in name or "HostCalls" in name):
            return "host: " + host.group(1)
    if any("sc_executor" in name or "wasmtime" in name for name in names):
        return "executor"
    return "native, unattributed"


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    iterations = int(sys.argv[1])
    counts = collections.Counter(filter(None, map(where, samples(sys.stdin))))
    print("| where | samples | ms per iteration |")
    print("|---|---|---|")
    for place, count in counts.most_common():
        print(f"| {place} | {count} | {count / SAMPLE_HZ / iterations * 1e3:.2f} |")


if __name__ == "__main__":
    main()
