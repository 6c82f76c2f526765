// The change feed: a counter that moves whenever the database's data may have changed, so a
// process can keep rendered pages and sessions in memory and drop them the moment they may be
// stale. Every table has a statement-level trigger that sends NOTIFY kontakt_change (migration
// 20261127190000_change_notifications); PostgreSQL delivers it only after COMMIT, to every
// listening process, whichever process or channel made the change. The counter also moves when
// this process reports its own write (bump), when the connection is lost and when it comes back.
// While not connected, `live` is false and callers must not trust any cache.
import pg from 'pg';
import type { Logger } from '../logger.ts';

const CHANGE_CHANNEL = 'kontakt_change';

export type ChangeFeed = {
  /** Moves on every change seen; compare for equality only. */
  readonly version: number;
  /** LISTEN is in place: a cache checked against `version` is sound only while this is true. */
  readonly live: boolean;
  /** This process has just written (its response is about to go out): count it now, not when the notification arrives. */
  bump(): void;
  /** Connects in the background (retrying forever with backoff); resolves after the first attempt. */
  start(): Promise<void>;
  stop(): Promise<void>;
};

export type ChangeFeedOptions = {
  databaseUrl: string;
  logger: Logger;
  /** Backoff between reconnection attempts (default 250 ms doubling up to 10 s). */
  retry?: { minMs: number; maxMs: number };
  /**
   * The connection is checked with a query every `everyMs` (default 30 s); no answer within
   * `timeoutMs` (default 5 s) counts as a lost connection: a dead peer can leave a socket looking open.
   */
  heartbeat?: { everyMs: number; timeoutMs: number };
};

export function createChangeFeed(options: ChangeFeedOptions): ChangeFeed {
  const { logger } = options;
  const retry = options.retry ?? { minMs: 250, maxMs: 10_000 };
  const beat = options.heartbeat ?? { everyMs: 30_000, timeoutMs: 5000 };
  let version = 0;
  let live = false;
  let stopped = false;
  let client: pg.Client | null = null;
  let timer: NodeJS.Timeout | null = null;
  let delay = retry.minMs;
  let heartbeat: NodeJS.Timeout | null = null;

  const lost = (which: pg.Client, why: string) => {
    if (client !== which) return; // an old client's late event
    client = null;
    version++;
    if (live) logger.warn({ why }, 'change feed: connection lost; page and session caches are off until it is back');
    live = false;
    which.end().catch(() => undefined);
    if (!stopped) schedule();
  };

  const schedule = () => {
    timer = setTimeout(() => void connect(), delay);
    timer.unref();
    delay = Math.min(delay * 2, retry.maxMs);
  };

  const connect = async () => {
    timer = null;
    const next = new pg.Client({ connectionString: options.databaseUrl, keepAlive: true, application_name: 'kontakt change feed', query_timeout: beat.timeoutMs });
    client = next;
    next.on('notification', () => {
      if (client === next) version++;
    });
    next.on('error', (error) => lost(next, error.message));
    next.on('end', () => lost(next, 'connection ended'));
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANGE_CHANNEL}`);
    } catch (error) {
      lost(next, (error as Error).message);
      return;
    }
    if (client !== next || stopped) return;
    // Whatever changed while nobody listened is unknown: everything cached before is suspect.
    version++;
    live = true;
    delay = retry.minMs;
    logger.info('change feed: listening; page and session caches are on');
  };

  return {
    get version() {
      return version;
    },
    get live() {
      return live;
    },
    bump() {
      version++;
    },
    async start() {
      stopped = false;
      heartbeat ??= setInterval(() => {
        const current = client;
        if (current && live) current.query('SELECT 1').catch((error: Error) => lost(current, `heartbeat: ${error.message}`));
      }, beat.everyMs).unref();
      if (!client && !timer) await connect();
    },
    async stop() {
      stopped = true;
      live = false;
      if (heartbeat) clearInterval(heartbeat);
      heartbeat = null;
      if (timer) clearTimeout(timer);
      timer = null;
      const current = client;
      client = null;
      await current?.end().catch(() => undefined);
    },
  };
}
