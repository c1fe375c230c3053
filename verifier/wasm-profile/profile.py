#!/usr/bin/env python3
"""Times every exported step of the profile module in wasmtime, the engine collators and relay
validators execute the runtime with: (t(n) - t(0)) / n, the median of 5 runs of about 300 ms,
so the module's setup (decoding the key and proof) is subtracted. With model directories (what
`veritas-zkml setup` and `prove --out-dir proof` write: vk.bin and proof/{proof,input,output}.bin)
it times each model's verification instead.

    profile.py path/to/veritas_verifier_wasm_profile.wasm [model dir...]

Needs the `wasmtime` package (`scripts/bench.sh wasm-profile` installs it into a virtualenv).
"""

import pathlib
import sys
import time

import wasmtime

HELPERS = {"setup_only", "alloc_bytes", "verify_model"}


def main(wasm_path, model_dirs):
    engine = wasmtime.Engine()
    store = wasmtime.Store(engine)
    module = wasmtime.Module.from_file(engine, wasm_path)
    exports = wasmtime.Instance(store, module, []).exports(store)

    def place(data):
        pointer = exports["alloc_bytes"](store, len(data))
        exports["memory"].write(store, data, pointer)
        return pointer, len(data)

    if model_dirs:
        steps = []
        for directory in map(pathlib.Path, model_dirs):
            key, key_len = place((directory / "vk.bin").read_bytes())
            proof, _ = place((directory / "proof" / "proof.bin").read_bytes())
            job_input, input_len = place((directory / "proof" / "input.bin").read_bytes())
            output, output_len = place((directory / "proof" / "output.bin").read_bytes())
            args = (key, key_len, proof, job_input, input_len, output, output_len)
            steps.append((
                f"verify_prepared, {directory.name}",
                lambda n, args=args: exports["verify_model"](store, n, *args),
            ))
    else:
        names = sorted(
            export.name for export in module.exports
            if isinstance(export.type, wasmtime.FuncType) and export.name not in HELPERS
        )
        steps = [(name, lambda n, f=exports[name]: f(store, n)) for name in names]

    def timed(step, n):
        start = time.perf_counter()
        ok = step(n)
        return (time.perf_counter() - start) * 1e3, ok

    print("| step | ms per call |")
    print("|---|---|")
    for name, step in steps:
        timed(step, 3)  # compile and warm up
        one, _ = timed(step, 1)
        n = max(4, min(2000, round(300 / max(one, 0.01))))
        per_call = []
        for _ in range(5):
            base, _ = timed(step, 0)
            total, ok = timed(step, n)
            if ok != 1:
                raise SystemExit(f"{name} gave a wrong result")
            per_call.append((total - base) / n)
        print(f"| {name} | {sorted(per_call)[2]:.3f} |")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2:])
