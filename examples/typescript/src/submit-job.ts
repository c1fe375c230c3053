// Submits an input to a model registered on a Veritas chain, waits for the answer the chain
// verified and prints it: the same as `veritas job submit --wait`, with polkadot-api.
//
//   npm run submit -- --input ../../zkml/fixtures/digits/seven.json
//   npm run submit -- --url ws://127.0.0.1:9944 --model 0 --input digit.json --max-fee 25 --suri //Charlie

import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { veritas } from "@polkadot-api/descriptors";
import { filter, firstValueFrom, merge, mergeMap, timeout } from "rxjs";
import { connect, parseVrt, signerFromSuri, UNIT } from "./common.js";

/** The BLS12-381 scalar field's modulus: outputs are its elements, negatives as `r - |y|`. */
const FIELD_MODULUS =
  0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n;
const OUTPUT_ELEMENT_BYTES = 32;

const { values: args } = parseArgs({
  options: {
    url: { type: "string", default: process.env.VERITAS_URL ?? "ws://127.0.0.1:9944" },
    model: { type: "string", default: "0" },
    input: { type: "string", default: "../../zkml/fixtures/digits/seven.json" },
    "max-fee": { type: "string", default: "25" },
    timeout: { type: "string", default: "20" },
    suri: { type: "string", default: "//Charlie" },
    "wait-seconds": { type: "string", default: "600" },
  },
});

function showVrt(plancks: bigint): string {
  const fraction = (plancks % UNIT).toString().padStart(12, "0").replace(/0+$/, "");
  return `${plancks / UNIT}${fraction ? "." + fraction : ""} VRT`;
}

/** A list of numbers, `{"input": [...]}` or EZKL's `{"input_data": [[...]]}`. */
function readInput(path: string): number[] {
  const json = JSON.parse(readFileSync(path, "utf8"));
  const list = Array.isArray(json) ? json : (json.input ?? json.input_data?.[0]);
  if (!Array.isArray(list) || !list.every((x) => typeof x === "number")) {
    throw new Error(`${path}: expected a list of numbers, {"input": [...]} or {"input_data": [[...]]}`);
  }
  return list;
}

/** The model's fixed-point input: `round(x · 2^F)` (ties away from zero) as i16, little-endian. */
function encodeInput(values: number[], fracBits: number): Uint8Array {
  const bytes = new DataView(new ArrayBuffer(values.length * 2));
  values.forEach((x, i) => {
    const scaled = x * 2 ** fracBits;
    const rounded = Math.sign(scaled) * Math.round(Math.abs(scaled));
    if (!Number.isFinite(rounded) || rounded < -32768 || rounded > 32767) {
      throw new Error(`input element ${i} (${x}) is outside the model's fixed-point range`);
    }
    bytes.setInt16(i * 2, rounded, true);
  });
  return new Uint8Array(bytes.buffer);
}

/** Output elements (32-byte little-endian field elements) as signed integers. */
function decodeOutput(output: Uint8Array): bigint[] {
  if (output.length % OUTPUT_ELEMENT_BYTES !== 0) {
    throw new Error(`an output of ${output.length} bytes is not a whole number of elements`);
  }
  const values: bigint[] = [];
  for (let at = 0; at < output.length; at += OUTPUT_ELEMENT_BYTES) {
    let element = 0n;
    for (let i = at + OUTPUT_ELEMENT_BYTES - 1; i >= at; i--) element = (element << 8n) | BigInt(output[i]);
    values.push(element >> 128n ? element - FIELD_MODULUS : element);
  }
  return values;
}

const bigintJson = (value: unknown) =>
  JSON.stringify(value, (_, v) => (typeof v === "bigint" ? v.toString() : v));

async function main() {
  const modelId = Number(args.model);
  const jobTimeout = Number(args.timeout);
  const maxFee = parseVrt(args["max-fee"]!);
  const signer = signerFromSuri(args.suri!);

  const client = connect(args.url!);
  const api = client.getTypedApi(veritas);
  try {
    const model = await api.apis.ModelsApi.model(modelId);
    if (!model) throw new Error(`there is no model ${modelId}`);
    if (model.status.type !== "Active") {
      throw new Error(`model ${modelId} is ${model.status.type}: it takes no jobs`);
    }
    const values = readInput(args.input!);
    const input = encodeInput(values, model.frac_bits);
    if (input.length !== model.input_len) {
      throw new Error(
        `model ${modelId} takes ${model.input_len / 2} numbers, ${args.input} holds ${values.length}`,
      );
    }
    const quote = await api.apis.InferenceApi.best_quote(modelId, jobTimeout);
    if (!quote) throw new Error(`no operator offers model ${modelId} for a ${jobTimeout}-block timeout now`);

    // Watch for the job's end before submitting, so that no finalized block is missed.
    const jobEvents = api.event.Inference;
    const ended$ = merge(
      jobEvents.JobCompleted.watch().pipe(
        mergeMap(({ events }) => events.map(({ payload }) => ({ kind: "completed" as const, ...payload }))),
      ),
      jobEvents.JobFailed.watch().pipe(
        mergeMap(({ events }) => events.map(({ payload }) => ({ kind: "failed (refunded)" as const, ...payload }))),
      ),
      jobEvents.JobExpired.watch().pipe(
        mergeMap(({ events }) => events.map(({ payload }) => ({ kind: "expired (refunded)" as const, ...payload }))),
      ),
      jobEvents.JobCancelled.watch().pipe(
        mergeMap(({ events }) => events.map(({ payload }) => ({ kind: "cancelled" as const, ...payload }))),
      ),
    );
    const ends: { job: bigint; kind: string; output?: Uint8Array; operator?: string; price?: bigint }[] = [];
    const recording = ended$.subscribe((end) => ends.push(end));

    const submitted = await api.tx.Inference.submit_job({
      model: modelId,
      input,
      max_fee: maxFee,
      timeout: jobTimeout,
    }).signAndSubmit(signer);
    if (!submitted.ok) {
      throw new Error(`the chain refused the job: ${bigintJson(submitted.dispatchError)}`);
    }
    const [job] = jobEvents.JobSubmitted.filter(submitted.events);
    if (!job) throw new Error("JobSubmitted is missing from the transaction's events");
    const id = job.payload.job;
    console.log(`job: ${id} (block ${submitted.block.number}), escrow ${showVrt(maxFee)}, deposit ${showVrt(job.payload.deposit)}`);

    const end =
      ends.find((e) => e.job === id) ??
      (await firstValueFrom(
        ended$.pipe(
          filter((e) => e.job === id),
          timeout(Number(args["wait-seconds"]) * 1000),
        ),
      ));
    recording.unsubscribe();
    console.log(`outcome: ${end.kind}`);
    if (end.kind !== "completed" || !end.output) process.exitCode = 1;
    else {
      const outputs = decodeOutput(end.output);
      const reals = outputs.map((v) => Number(v) / 2 ** model.frac_bits);
      const argmax = reals.indexOf(Math.max(...reals));
      console.log(`operator: ${end.operator}, price ${showVrt(end.price!)}`);
      console.log(`verified_output: ${outputs.join(" ")}`);
      console.log(`as reals: ${reals.map((r) => r.toFixed(4)).join(" ")}`);
      console.log(`argmax: ${argmax}`);
    }
  } finally {
    client.destroy();
  }
}

main().catch((error) => {
  console.error(`error: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
