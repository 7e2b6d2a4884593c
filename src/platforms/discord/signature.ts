/**
 * Discord's request signature for interactions over HTTP (docs/architecture.md §11): every request carries
 * `X-Signature-Ed25519`, the hex Ed25519 signature of `X-Signature-Timestamp` followed by the raw body, made with
 * the application's key pair; the application's public key (Developer Portal → General Information) verifies it.
 * Plain node:crypto, no dependency.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** The DER header of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const HEX_PUBLIC_KEY = /^[0-9a-fA-F]{64}$/;
const HEX_SIGNATURE = /^[0-9a-fA-F]{128}$/;

/** The application's public key (64 hex characters) as a key node:crypto verifies with. */
export function discordPublicKey(hex: string): KeyObject {
  if (!HEX_PUBLIC_KEY.test(hex)) throw new Error('a Discord public key is 64 hex characters');
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
}

/** True when `signature` (hex) is Discord's Ed25519 signature of `timestamp` + `body` under `key`. */
export function isSignedByDiscord(key: KeyObject, signature: string, timestamp: string, body: Buffer): boolean {
  if (!HEX_SIGNATURE.test(signature) || timestamp === '') return false;
  try {
    return verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), key, Buffer.from(signature, 'hex'));
  } catch {
    return false;
  }
}
