/** Fast non-cryptographic hashes for sketches (never for anything an attacker could exploit to collide on purpose in output). */
import * as crypto from 'node:crypto';

/** Texts at least this long are hashed natively: a prompt of kilobytes costs a third of the JavaScript loop. */
const NATIVE_FROM = 1024;

/**
 * A 53-bit hash of a text of any length (a prompt): hashString below NATIVE_FROM characters, from there the
 * low 53 of the first 64 bits of its SHA-1 (the one-shot crypto.hash where Node has it, since 20.12). Either
 * is uniform, and a text always gets the same one, which is all a bottom-k sample needs.
 */
export function hashText(text: string): number {
  if (text.length < NATIVE_FROM) return hashString(text);
  const digest = crypto.hash ? crypto.hash('sha1', text, 'buffer') : crypto.createHash('sha1').update(text).digest();
  return (digest.readUInt32BE(0) & 0x1fffff) * 4294967296 + digest.readUInt32BE(4);
}

/** cyrb53: a 53-bit string hash, as a number in [0, 2^53). */
export function hashString(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** A 53-bit hash of a non-negative integer (seconds, minutes), the same for every account. */
export function hashInt(n: number): number {
  let h1 = Math.imul((n >>> 0) ^ 0x9e3779b9, 0x85ebca6b);
  let h2 = Math.imul(Math.floor(n / 4294967296) ^ 0xc2b2ae35, 0x27d4eb2f);
  h1 ^= h1 >>> 15;
  h1 = Math.imul(h1 ^ h2, 0x165667b1);
  h2 = Math.imul(h2 ^ (h1 >>> 13), 0xd3a2646c);
  h1 ^= h1 >>> 16;
  h2 ^= h2 >>> 15;
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

export const HASH_SPACE = 2 ** 53;
