// Our Bolt receiver: the one door every Slack request comes through, in HTTP mode (the Hono
// server's POST /slack/events) and in Socket Mode (a WebSocket to Slack). Both paths share
// dispatch(): dedupe, hand the body to Bolt, answer with what the listener acked.
//
// HTTP: the signature is checked here on the raw body (verify-signature.ts); Bolt never sees an
// unsigned request. Slash commands and events are acknowledged here as soon as they are verified
// and deduplicated (their acks never carry anything) and reach Bolt once no other request waits
// for its ack; interactivity is answered with what its listener acks (field errors, options).
// Slack wants the answer within 3 s. settled() waits for the work behind (tests, shutdown).
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { SocketModeClient } from '@slack/socket-mode';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.ts';
import { verifySlackSignature } from './verify-signature.ts';
import { boltLogger } from './bolt-logger.ts';

export type ReceiverOptions = {
  signingSecret: string;
  /** For dedupe of retries and replays (SET NX with expiry). */
  redis: Redis;
  /** Redis key prefix (tests use their own). */
  keyPrefix?: string;
  logger: Logger;
  /** How long to wait for a listener's ack() before answering 200 anyway (Slack gives up at 3 s). */
  ackTimeoutMs?: number;
  /** Seconds since the epoch; injectable for tests of the replay window. */
  nowSeconds?: () => number;
};

type Answer = { status: number; body?: unknown };

/** How long a seen event_id / trigger_id is remembered: Slack retries within minutes. */
const DEDUPE_SECONDS = 60 * 60;
/** Slack payloads are small; anything bigger is not from Slack. */
const MAX_BODY_BYTES = 1024 * 1024;

export class KontaktReceiver implements Receiver {
  private app: App | undefined;
  private socket: SocketModeClient | undefined;
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Requests between arrival and their ack; slow work waits while there are any (quiet()). */
  private acking = 0;
  private quietWaiters: (() => void)[] = [];
  private readonly log: Logger;

  constructor(private readonly options: ReceiverOptions) {
    if (!options.signingSecret) throw new Error('Slack: SLACK_SIGNING_SECRET is empty; refusing to accept unsigned requests');
    this.log = options.logger.child({ role: 'slack' });
  }

  init(app: App): void {
    this.app = app;
  }

  /** Socket Mode: connects to Slack with the app-level token (HTTP mode needs nothing here). */
  async start(socketMode?: { appToken: string; slackApiUrl?: string }): Promise<void> {
    if (!socketMode) return;
    const client = new SocketModeClient({
      appToken: socketMode.appToken,
      logger: boltLogger(this.log),
      clientOptions: socketMode.slackApiUrl ? { slackApiUrl: socketMode.slackApiUrl } : {},
    });
    client.on('slack_event', async ({ ack, body, retry_num, retry_reason }: { ack: (r?: unknown) => Promise<void>; body: Record<string, unknown>; retry_num?: number; retry_reason?: string }) => {
      const answer = await this.dispatch(body, { retryNum: retry_num, retryReason: retry_reason });
      await ack(answer.body ?? undefined).catch((error: Error) => this.log.warn({ err: error.message }, 'slack: socket ack failed'));
    });
    client.on('connected', () => this.log.info('slack: socket mode connected'));
    client.on('disconnected', () => this.log.info('slack: socket mode disconnected'));
    client.on('reconnecting', () => this.log.info('slack: socket mode reconnecting'));
    this.socket = client;
    await client.start();
  }

  /** Stops the socket (if any) and waits up to `deadlineMs` for work started by earlier requests. */
  async stop(deadlineMs = 5000): Promise<void> {
    await this.socket?.disconnect().catch(() => {});
    this.socket = undefined;
    await Promise.race([this.settled(), new Promise((resolve) => setTimeout(resolve, deadlineMs).unref())]);
  }

  /** Resolves when every listener started so far has finished. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /**
   * Resolves once no request is waiting for its ack. The work lane (work-lane.ts) waits for this
   * before starting slow work, so a burst of commands is acknowledged first and worked off after.
   */
  quiet(): Promise<void> {
    if (this.acking === 0) return Promise.resolve();
    return new Promise((resolve) => this.quietWaiters.push(resolve));
  }

  /** POST /slack/events: verify, parse, dispatch. */
  async handleHttp(request: Request): Promise<Response> {
    this.acking += 1;
    try {
      return await this.answerHttp(request);
    } finally {
      this.acking -= 1;
      // Let the answers of this round go out before any waiting work starts.
      if (this.acking === 0) setImmediate(() => {
        if (this.acking > 0) return;
        for (const wake of this.quietWaiters.splice(0)) wake();
      });
    }
  }

  private async answerHttp(request: Request): Promise<Response> {
    const length = Number(request.headers.get('content-length') ?? 0);
    if (length > MAX_BODY_BYTES) return text(413, 'Request body too large');
    const rawBody = await request.text();
    if (Buffer.byteLength(rawBody) > MAX_BODY_BYTES) return text(413, 'Request body too large');
    const check = verifySlackSignature({
      signingSecret: this.options.signingSecret,
      timestamp: request.headers.get('x-slack-request-timestamp'),
      signature: request.headers.get('x-slack-signature'),
      rawBody,
      nowSeconds: this.options.nowSeconds?.(),
    });
    if (!check.ok) {
      this.log.warn({ reason: check.reason }, 'slack: request refused');
      return text(401, `Invalid Slack request: ${check.reason}`);
    }
    let body: Record<string, unknown>;
    try {
      body = parseBody(rawBody, request.headers.get('content-type') ?? '');
    } catch {
      return text(400, 'Unreadable Slack request body');
    }
    if (body.ssl_check) return text(200, '');
    if (body.type === 'url_verification') return Response.json({ challenge: body.challenge });
    const retry = request.headers.get('x-slack-retry-num');
    const answer = await this.dispatch(body, {
      retryNum: retry ? Number(retry) : undefined,
      retryReason: request.headers.get('x-slack-retry-reason') ?? undefined,
    });
    if (answer.body === undefined || answer.body === '') return new Response(null, { status: answer.status });
    return Response.json(typeof answer.body === 'string' ? { text: answer.body } : answer.body, { status: answer.status });
  }

  /** Shared by both transports: dedupe, then Bolt; resolves with the ack (or a timeout's 200). */
  async dispatch(body: Record<string, unknown>, meta: { retryNum?: number; retryReason?: string } = {}): Promise<Answer> {
    if (!this.app) throw new Error('Slack receiver used before the Bolt app was initialised');
    const dedupeKey = this.dedupeKeyOf(body);
    if (dedupeKey && !(await this.firstTime(dedupeKey))) {
      this.log.info({ key: dedupeKey, retryNum: meta.retryNum }, 'slack: repeated delivery ignored');
      return { status: 200 };
    }

    // Slash commands and events never carry an answer in their ack (our command listeners answer
    // through response_url; Bolt acks events itself): acknowledge them here, at once, and hand
    // them to Bolt once the burst of acks is over. Interactivity (modals, options) still gets the
    // listener's ack, which may carry field errors or options.
    if (typeof body.command === 'string' || body.type === 'event_callback') {
      const work = this.quiet().then(() => this.app!.processEvent({ body, retryNum: meta.retryNum, retryReason: meta.retryReason, ack: async () => {} }))
        .catch((error: Error) => this.log.error({ err: error }, 'slack: listener failed'));
      this.inFlight.add(work);
      void work.finally(() => this.inFlight.delete(work));
      return { status: 200 };
    }

    let acked!: (answer: Answer) => void;
    const answered = new Promise<Answer>((resolve) => (acked = resolve));
    let isAcked = false;
    const event: ReceiverEvent = {
      body,
      retryNum: meta.retryNum,
      retryReason: meta.retryReason,
      ack: async (response?: unknown) => {
        if (isAcked) return;
        isAcked = true;
        acked({ status: 200, body: response });
      },
    };
    const work = this.app.processEvent(event).catch(async (error: Error) => {
      this.log.error({ err: error }, 'slack: listener failed');
      // Not acknowledged: let Slack's retry (of an event) run it again.
      if (!isAcked && dedupeKey) await this.options.redis.del(dedupeKey).catch(() => {});
      acked({ status: 500, body: undefined });
    });
    this.inFlight.add(work);
    void work.finally(() => {
      this.inFlight.delete(work);
      acked({ status: 200 }); // finished without ack: Slack still needs an answer
    });

    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<Answer>((resolve) => {
      timer = setTimeout(() => {
        this.log.warn({ type: body.type }, 'slack: no ack within the deadline; answered 200');
        resolve({ status: 200 });
      }, this.options.ackTimeoutMs ?? 2500);
    });
    const answer = await Promise.race([answered, timeout]);
    clearTimeout(timer);
    return answer;
  }

  private dedupeKeyOf(body: Record<string, unknown>): string | null {
    // Events carry event_id; commands, shortcuts, button clicks and submissions carry trigger_id.
    // Option searches (block_suggestion) are read-only and carry neither.
    const id = (typeof body.event_id === 'string' && body.event_id) || (typeof body.trigger_id === 'string' && body.trigger_id) || null;
    return id ? `${this.options.keyPrefix ?? 'kontakt'}:slack:seen:${id}` : null;
  }

  private async firstTime(key: string): Promise<boolean> {
    try {
      return (await this.options.redis.set(key, '1', 'EX', DEDUPE_SECONDS, 'NX')) === 'OK';
    } catch (error) {
      // Redis down: go on; the item's source reference (unique per contact) still refuses doubles.
      this.log.warn({ err: (error as Error).message }, 'slack: dedupe unavailable (Redis); processing anyway');
      return true;
    }
  }
}

function parseBody(rawBody: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('application/json')) return JSON.parse(rawBody) as Record<string, unknown>;
  const form = new URLSearchParams(rawBody);
  const payload = form.get('payload');
  // Interactivity sends one form field "payload" holding JSON; slash commands send plain fields.
  if (payload !== null) return JSON.parse(payload) as Record<string, unknown>;
  return Object.fromEntries(form);
}

const text = (status: number, body: string) => new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
