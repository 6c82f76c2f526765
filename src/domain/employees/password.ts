// Password hashing with scrypt from node:crypto (no native dependency). The stored form carries
// its parameters, "scrypt$N$r$p$saltB64$hashB64", so the cost can be raised later and old hashes
// still verify.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { validation } from '../../errors.ts';

export const MIN_PASSWORD_LENGTH = 10;
const MAX_PASSWORD_LENGTH = 1024;
const N = 2 ** 15;
const R = 8;
const P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;

// scrypt needs 128·N·r bytes (32 MiB at our N and r), which is exactly Node's default maxmem and
// is refused by it; allow twice that.
const maxmemFor = (n: number, r: number) => 256 * n * r;

function derive(plain: string, salt: Buffer, keyBytes: number, options: ScryptOptions): Promise<Buffer> {
  // NFKC: "ż" typed as one code point or as "z" + combining dot must give the same key.
  return new Promise((resolve, reject) =>
    scrypt(plain.normalize('NFKC'), salt, keyBytes, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** Refuses passwords that are too short (VALIDATION on `password`). */
export function checkPasswordStrength(plain: string): void {
  if (plain.length < MIN_PASSWORD_LENGTH) throw validation({ password: `at least ${MIN_PASSWORD_LENGTH} characters` });
  if (plain.length > MAX_PASSWORD_LENGTH) throw validation({ password: `at most ${MAX_PASSWORD_LENGTH} characters` });
}

export async function hashPassword(plain: string): Promise<string> {
  checkPasswordStrength(plain);
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(plain, salt, KEY_BYTES, { N, r: R, p: P, maxmem: maxmemFor(N, R) });
  return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

/** True when `plain` matches `hash`; false for a wrong password or a malformed hash. */
export async function verifyPassword(plain: string, hash: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key, ...rest] = hash.split('$');
  if (scheme !== 'scrypt' || rest.length > 0 || !salt || !key) return false;
  const [cost, blockSize, parallel] = [Number(n), Number(r), Number(p)];
  // Bounds keep a tampered hash from making us allocate gigabytes.
  const sane =
    Number.isInteger(Math.log2(cost)) && cost >= 2 && cost <= 2 ** 20 && Number.isInteger(blockSize) && blockSize >= 1 && blockSize <= 32
    && Number.isInteger(parallel) && parallel >= 1 && parallel <= 16;
  const expected = Buffer.from(key, 'base64');
  if (!sane || expected.length < 16 || plain.length > MAX_PASSWORD_LENGTH) return false;
  const actual = await derive(plain, Buffer.from(salt, 'base64'), expected.length, {
    N: cost, r: blockSize, p: parallel, maxmem: maxmemFor(cost, blockSize),
  });
  return timingSafeEqual(actual, expected);
}
