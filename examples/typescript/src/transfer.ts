// Transfers VRT with polkadot-api and waits until the transfer is finalized: the smallest
// signed-transaction round trip, e.g. against a chopsticks fork (`scripts/chopsticks.sh`).
//
//   npm run transfer -- --to 5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty --amount 1.5
//   npm run transfer -- --url ws://127.0.0.1:8000 --suri //Alice --to <address> --amount 1

import { parseArgs } from "node:util";
import { MultiAddress, veritas } from "@polkadot-api/descriptors";
import { sr25519CreateDerive } from "@polkadot-labs/hdkd";
import { DEV_PHRASE, entropyToMiniSecret, mnemonicToEntropy } from "@polkadot-labs/hdkd-helpers";
import { createClient, type PolkadotSigner } from "polkadot-api";
import { getPolkadotSigner } from "polkadot-api/signer";
import { getWsProvider, type WebSocketClass } from "polkadot-api/ws";
import { WebSocket } from "ws";

/** VRT has 12 decimals. */
const UNIT = 10n ** 12n;

const { values: args } = parseArgs({
  options: {
    url: { type: "string", default: process.env.VERITAS_URL ?? "ws://127.0.0.1:9944" },
    suri: { type: "string", default: "//Alice" },
    to: { type: "string" },
    amount: { type: "string", default: "1" },
  },
});

/** An sr25519 signer from `//Name` (the dev phrase) or `<mnemonic>[//path]`. */
function signerFromSuri(suri: string): PolkadotSigner {
  const cut = suri.indexOf("//");
  const phrase = cut === 0 ? DEV_PHRASE : cut < 0 ? suri : suri.slice(0, cut).trim();
  const derive = sr25519CreateDerive(entropyToMiniSecret(mnemonicToEntropy(phrase)));
  const pair = derive(cut < 0 ? "" : suri.slice(cut));
  return getPolkadotSigner(pair.publicKey, "Sr25519", pair.sign);
}

function parseVrt(text: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,12}))?$/.exec(text);
  if (!match) throw new Error(`'${text}' is not an amount of VRT (like 25 or 0.5)`);
  return BigInt(match[1]) * UNIT + BigInt((match[2] ?? "").padEnd(12, "0"));
}

if (!args.to) throw new Error("--to <address> is required");
const to = args.to;
const amount = parseVrt(args.amount);
// Node.js before 22 has no global WebSocket: hand the provider the `ws` package's.
const websocketClass = WebSocket as unknown as WebSocketClass;
const client = createClient(getWsProvider(args.url, { websocketClass }));
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
