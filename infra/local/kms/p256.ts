import { createECDH, randomBytes } from 'node:crypto';

/*
 * ECDSA over NIST P-256 on a caller-supplied digest. Node's sign/verify (OpenSSL) always hash
 * the message themselves, so KMS's MessageType DIGEST needs the textbook algorithm (SEC 1,
 * 4.1.3 and 4.1.4). The point multiplications k·G are done by OpenSSL through ECDH; since this
 * endpoint holds every private key d, verification's u1·G + u2·Q is computed as (u1 + u2·d)·G.
 * Not constant-time in the BigInt parts: it serves a local emulator, never real secrets.
 */

const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

function mod(value: bigint): bigint {
  const r = value % N;
  return r < 0n ? r + N : r;
}

function invert(value: bigint): bigint {
  let [oldR, r] = [mod(value), N];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return mod(oldS);
}

function toBigInt(bytes: Buffer): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${bytes.toString('hex')}`);
}

/** The x coordinate of scalar·G, for a scalar in [1, n-1]. */
function baseMultiplyX(scalar: bigint): bigint {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(Buffer.from(scalar.toString(16).padStart(64, '0'), 'hex'));
  return toBigInt(ecdh.getPublicKey().subarray(1, 33));
}

/** The (r, s) pair of an ECDSA signature. */
export interface EcdsaSignature {
  readonly r: bigint;
  readonly s: bigint;
}

/** Signs a 32-byte digest with the private scalar `d` (a fresh random nonce per signature). */
export function signDigest(d: bigint, digest: Buffer): EcdsaSignature {
  const z = mod(toBigInt(digest));
  for (;;) {
    const k = mod(toBigInt(randomBytes(40)));
    if (k === 0n) continue;
    const r = mod(baseMultiplyX(k));
    const s = mod(invert(k) * (z + r * d));
    if (r !== 0n && s !== 0n) return { r, s };
  }
}

/** Checks a signature on a 32-byte digest against the key whose private scalar is `d`. */
export function verifyDigest(d: bigint, digest: Buffer, signature: EcdsaSignature): boolean {
  const { r, s } = signature;
  if (r <= 0n || r >= N || s <= 0n || s >= N) return false;
  const w = invert(s);
  const scalar = mod(mod(toBigInt(digest)) * w + mod(r * w) * d);
  return scalar !== 0n && mod(baseMultiplyX(scalar)) === r;
}

function derInteger(value: bigint): Buffer {
  const hex = value.toString(16);
  const bytes = Buffer.from(hex.length % 2 === 0 ? hex : `0${hex}`, 'hex');
  const body = (bytes[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes;
  return Buffer.concat([Buffer.from([0x02, body.length]), body]);
}

/** DER `SEQUENCE { INTEGER r, INTEGER s }`, the encoding KMS returns for ECDSA signatures. */
export function encodeDer(signature: EcdsaSignature): Buffer {
  const body = Buffer.concat([derInteger(signature.r), derInteger(signature.s)]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

/** Parses a DER ECDSA signature; `undefined` when it is not exactly one well-formed pair. */
export function decodeDer(der: Buffer): EcdsaSignature | undefined {
  if (der.length < 8 || der[0] !== 0x30 || der[1] !== der.length - 2) return undefined;
  const integers: bigint[] = [];
  let offset = 2;
  while (offset < der.length) {
    const length = der[offset + 1];
    if (der[offset] !== 0x02 || length === undefined || length === 0) return undefined;
    const end = offset + 2 + length;
    if (end > der.length) return undefined;
    integers.push(toBigInt(der.subarray(offset + 2, end)));
    offset = end;
  }
  const [r, s] = integers;
  return integers.length === 2 && r !== undefined && s !== undefined ? { r, s } : undefined;
}
