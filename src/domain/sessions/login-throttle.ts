// Login throttling per account and per IP address, in Redis so it holds across processes.
// Counting failures in a fixed window is enough here: the window restarts with the first failure
// after it ends, and a successful sign-in clears the account's count.
import type { Redis } from 'ioredis';

export type ThrottlePolicy = {
  maxPerAccount: number;
  maxPerIp: number;
  windowSeconds: number;
  /** Redis key namespace (several installations, or tests, can share one Redis). */
  keyPrefix?: string;
};
export const DEFAULT_THROTTLE: ThrottlePolicy = { maxPerAccount: 5, maxPerIp: 30, windowSeconds: 15 * 60 };

export function createLoginThrottle(redis: Redis, policy: ThrottlePolicy = DEFAULT_THROTTLE) {
  const prefix = policy.keyPrefix ?? 'kontakt:login';
  const accountKey = (email: string) => `${prefix}:account:${email.trim().toLowerCase()}`;
  const ipKey = (ip: string) => `${prefix}:ip:${ip}`;
  return {
    /** Seconds until the next attempt is allowed, or 0 when allowed now. */
    async retryAfter(email: string, ip: string): Promise<number> {
      const [account, byIp] = await Promise.all([redis.get(accountKey(email)), redis.get(ipKey(ip))]);
      const blocked: string[] = [];
      if (Number(account ?? 0) >= policy.maxPerAccount) blocked.push(accountKey(email));
      if (Number(byIp ?? 0) >= policy.maxPerIp) blocked.push(ipKey(ip));
      if (blocked.length === 0) return 0;
      const ttls = await Promise.all(blocked.map((k) => redis.ttl(k)));
      return Math.max(1, ...ttls);
    },
    async recordFailure(email: string, ip: string): Promise<void> {
      const multi = redis.multi();
      for (const key of [accountKey(email), ipKey(ip)]) {
        multi.incr(key);
        multi.expire(key, policy.windowSeconds, 'NX');
      }
      await multi.exec();
    },
    async recordSuccess(email: string): Promise<void> {
      await redis.del(accountKey(email));
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
