// One active reader per mailbox across all processes: a Redis key set with NX and an expiry,
// renewed while held, deleted on release. Renewal and release check the token, so a process whose
// lock already expired (paused, partitioned) can never extend or delete its successor's lock.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export type MailboxLock = {
  readonly key: string;
  readonly token: string;
  /** True when this process now holds the lock (or already held it). */
  acquire(): Promise<boolean>;
  /** Extends the expiry; false when the lock is no longer ours. Throws when Redis does not answer. */
  renew(): Promise<boolean>;
  release(): Promise<void>;
};

export function createMailboxLock(redis: Redis, mailbox: string, ttlMs: number): MailboxLock {
  const key = `kontakt:mail-reader-lock:${mailbox}`;
  const token = `${process.pid}-${randomUUID()}`;
  return {
    key,
    token,
    async acquire() {
      const set = await redis.set(key, token, 'PX', ttlMs, 'NX');
      if (set === 'OK') return true;
      return (await redis.get(key)) === token && (await this.renew());
    },
    async renew() {
      return Number(await redis.eval(RENEW, 1, key, token, String(ttlMs))) === 1;
    },
    async release() {
      await redis.eval(RELEASE, 1, key, token);
    },
  };
}
