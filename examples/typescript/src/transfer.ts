// Transfers VRT with polkadot-api and waits until the transfer is finalized: the smallest
// signed-transaction round trip, e.g. against a chopsticks fork (`scripts/chopsticks.sh`).
//
//   npm run transfer -- --to 5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty --amount 1.5
//   npm run transfer -- --url ws://127.0.0.1:8000 --suri //Alice --to <address> --amount 1

import { parseArgs } from "node:util";
import { MultiAddress, veritas } from "@polkadot-api/descriptors";
import { connect, parseVrt, signerFromSuri } from "./common.js";

const { values: args } = parseArgs({
  options: {
    url: { type: "string", default: process.env.VERITAS_URL ?? "ws://127.0.0.1:9944" },
    suri: { type: "string", default: "//Alice" },
    to: { type: "string" },
    amount: { type: "string", default: "1" },
  },
});

if (!args.to) throw new Error("--to <address> is required");
const to = args.to;
const amount = parseVrt(args.amount);
const client = connect(args.url);
try {
  const api = client.getTypedApi(veritas);
  const before = (await api.query.System.Account.getValue(to)).data.free;
  const result = await api.tx.Balances.transfer_keep_alive({
    dest: MultiAddress.Id(to),
    value: amount,
  }).signAndSubmit(signerFromSuri(args.suri));
  if (!result.ok) throw new Error(`the transfer failed: ${JSON.stringify(result.dispatchError)}`);
  const after = (await api.query.System.Account.getValue(to, { at: result.block.hash })).data.free;
  console.log(`finalized in block #${result.block.number} (${result.block.hash})`);
  console.log(`${to}: ${before} -> ${after} plancks (+${after - before})`);
  if (after - before !== amount) throw new Error("the recipient did not receive the amount");
} finally {
  client.destroy();
}
