// Times every exported step of the profile module: (t(n) − t(0)) / n, the median of 5 runs,
// so the module's setup (decoding the key and proof) is subtracted. With model directories
// (what `veritas-zkml setup` and `prove --out-dir proof` write: vk.bin, proof/{proof,input,
// output}.bin), times each model's verification instead.
//
//     node verifier/wasm-profile/profile.mjs path/to/veritas_verifier_wasm_profile.wasm [model dir…]
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";

const [wasmPath, ...models] = process.argv.slice(2);
const { instance } = await WebAssembly.instantiate(readFileSync(wasmPath), {});
const exported = instance.exports;
const helpers = new Set(["setup_only", "alloc_bytes", "verify_model"]);
const steps = Object.entries(exported).filter(
  ([name, f]) => typeof f === "function" && !helpers.has(name),
);

const time = (f, n) => {
  const start = process.hrtime.bigint();
  const ok = f(n);
  return [Number(process.hrtime.bigint() - start) / 1e6, ok];
};
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const place = (bytes) => {
  const pointer = exported.alloc_bytes(bytes.length);
  new Uint8Array(exported.memory.buffer, pointer, bytes.length).set(bytes);
  return [pointer, bytes.length];
};

if (models.length > 0) {
  steps.length = 0;
  for (const dir of models) {
    const [key, keyLen] = place(readFileSync(join(dir, "vk.bin")));
    const [proof] = place(readFileSync(join(dir, "proof", "proof.bin")));
    const [input, inputLen] = place(readFileSync(join(dir, "proof", "input.bin")));
    const [output, outputLen] = place(readFileSync(join(dir, "proof", "output.bin")));
    steps.push([
      `verify_prepared, ${basename(dir)}`,
      (n) => exported.verify_model(n, key, keyLen, proof, input, inputLen, output, outputLen),
    ]);
  }
}

console.log("| step | ms per call |");
console.log("|---|---|");
for (const [name, f] of steps) {
  time(f, 3); // compile and warm up
  const [one] = time(f, 1);
  // About 300 ms per measurement.
  const n = Math.max(4, Math.min(2000, Math.round(300 / Math.max(one, 0.01))));
  const per = [];
  for (let run = 0; run < 5; run++) {
    const [base] = time(f, 0);
    const [total, ok] = time(f, n);
    if (ok !== 1) throw new Error(`${name} gave a wrong result`);
    per.push((total - base) / n);
  }
  console.log(`| ${name} | ${median(per).toFixed(4)} |`);
}
