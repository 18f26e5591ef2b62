import { createHash } from 'node:crypto';

/** Hex sha256 of bytes or text, cut to `length` characters (content-hashed file names). */
export function sha256(data: string | Uint8Array, length = 64): string {
  return createHash('sha256').update(data).digest('hex').slice(0, length);
}

/** Git's blob id for the given bytes (used for plain-folder builds, so ids match git's). */
export function gitBlobSha(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.byteLength}\0`).update(bytes).digest('hex');
}
