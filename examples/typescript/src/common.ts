// What both examples need: VRT amounts, dev signers and a connection from Node.js.

import { sr25519CreateDerive } from "@polkadot-labs/hdkd";
import {
  DEV_PHRASE,
  entropyToMiniSecret,
  mnemonicToEntropy,
} from "@polkadot-labs/hdkd-helpers";
import { createClient, type PolkadotClient, type PolkadotSigner } from "polkadot-api";
import { getPolkadotSigner } from "polkadot-api/signer";
import { getWsProvider, type WebSocketClass } from "polkadot-api/ws";
import { WebSocket } from "ws";

/** VRT has 12 decimals. */
export const UNIT = 10n ** 12n;

/** An sr25519 signer from `//Name` (the dev phrase) or `<mnemonic>[//hard/soft path]`. */
export function signerFromSuri(suri: string): PolkadotSigner {
  if (suri.includes("///") || suri.startsWith("0x")) {
    throw new Error("this example takes `//Name` or `<mnemonic>[//path]`, not passwords or 0x seeds");
  }
  const cut = suri.search(/\/\/|(?<!\/)\/(?!\/)/);
  const phrase = cut === 0 ? DEV_PHRASE : cut < 0 ? suri : suri.slice(0, cut).trim();
  const path = cut < 0 ? "" : suri.slice(cut);
  const derive = sr25519CreateDerive(entropyToMiniSecret(mnemonicToEntropy(phrase)));
  const pair = derive(path);
  return getPolkadotSigner(pair.publicKey, "Sr25519", pair.sign);
}

/** `25` or `0.5` VRT in plancks. */
export function parseVrt(text: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,12}))?$/.exec(text);
  if (!match) throw new Error(`'${text}' is not an amount of VRT (like 25 or 0.5)`);
  return BigInt(match[1]) * UNIT + BigInt((match[2] ?? "").padEnd(12, "0"));
}

/** A client of the node at `url`. */
export function connect(url: string): PolkadotClient {
  // Node.js before 22 has no global WebSocket: hand the provider the `ws` package's (the same
  // API; its types lack the browser's `dispatchEvent`, which the provider does not use).
  const websocketClass = WebSocket as unknown as WebSocketClass;
  return createClient(getWsProvider(url, { websocketClass }));
}
