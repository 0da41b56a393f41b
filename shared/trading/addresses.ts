/**
 * Withdrawal address formats per asset. These are format checks (character set, prefix,
 * length), not checksum verification: a mistyped address that still matches is caught by the
 * admin review every withdrawal goes through.
 *
 * - BTC: bech32/bech32m (`bc1…`, testnet `tb1…`, regtest `bcrt1…`; lower case) or base58
 *   (P2PKH `1…`, P2SH `3…`, testnet `m…`/`n…`/`2…`; 26–35 characters, no 0/O/I/l).
 * - ETH and USDT (ERC-20): `0x` and 40 hexadecimal digits.
 */
const BTC_BECH32 = /^(bc1|tb1|bcrt1)[02-9ac-hj-np-z]{11,71}$/;
const BTC_BASE58 = /^[13mn2][1-9A-HJ-NP-Za-km-z]{25,34}$/;
const EVM = /^0x[0-9a-fA-F]{40}$/;

const formats: Readonly<Record<string, readonly RegExp[]>> = {
  BTC: [BTC_BECH32, BTC_BASE58],
  ETH: [EVM],
  USDT: [EVM],
};

/** Whether `address` has the format of a withdrawal address for `asset`. */
export function isValidAddress(asset: string, address: string): boolean {
  return (formats[asset] ?? []).some((pattern) => pattern.test(address));
}

/** A human description of the expected format, for the validation message. */
export function addressFormatOf(asset: string): string {
  if (asset === 'BTC') return 'a Bitcoin address (bech32 bc1… or base58 1…/3…)';
  if (asset === 'ETH' || asset === 'USDT') return 'an Ethereum address (0x and 40 hex digits)';
  return 'an address of a supported network';
}
