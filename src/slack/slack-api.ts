// A lean Slack Web API caller for the busiest sender, the reminder workers (thousands of DMs after
// an outage). Slack's WebClient (@slack/web-api 8) does everything through fetch, a request queue
// and response post-processing: measured here, ~1 ms of CPU per call, more than the rest of a
// reminder's delivery. This is the same wire protocol on a keep-alive node:http(s) agent at about a
// third of that. Everything else (Bolt, listeners, the triage DM) keeps using WebClient.
//
// What it does, like WebClient configured by webClientOptions(): form-encoded POSTs to
// <apiUrl><method> with the bot token as a Bearer header; HTTP 429 → wait Retry-After and send
// again; HTTP 5xx and network errors → retried with backoff, then thrown as SlackHttpError;
// `ok: false` → SlackApiError with Slack's error code.
import http from 'node:http';
import https from 'node:https';

export type SlackApiOptions = {
  token: string;
  /** Default https://slack.com/api/ (tests point it at the fake Slack). */
  apiUrl?: string | null;
  /** Retries of an HTTP 5xx or network error (default SLACK_RETRY: 3, with backoff from 200 ms). */
  retries?: number;
  /** Times a 429 is waited out (default 5); Retry-After beyond `maxRetryAfterSeconds` is not waited for. */
  rateLimitRetries?: number;
  maxRetryAfterSeconds?: number;
  /** Per request (default 30 s). */
  timeoutMs?: number;
};

export type SlackApiResult = { ok: true } & Record<string, unknown>;

export type SlackApi = {
  /** Calls a Web API method; resolves with Slack's answer (ok: true) or throws. */
  call(method: string, args: Record<string, unknown>): Promise<SlackApiResult>;
  close(): void;
};

/** Slack answered ok:false: `slackError` is its error code ("user_not_found"). */
export class SlackApiError extends Error {
  constructor(readonly method: string, readonly slackError: string) {
    super(`Slack ${method} failed: ${slackError}`);
    this.name = 'SlackApiError';
  }
}

/** No usable answer: HTTP status (0: network error or timeout), after the retries. */
export class SlackHttpError extends Error {
  constructor(readonly method: string, readonly statusCode: number, detail: string) {
    super(`Slack ${method}: ${statusCode ? `HTTP ${statusCode}` : 'no answer'} (${detail})`);
    this.name = 'SlackHttpError';
  }
}

type Answer = { status: number; retryAfter: string | undefined; body: string };

/** Retries of HTTP 5xx and network errors, for this caller and Slack's WebClient alike (webClientOptions). */
export const SLACK_RETRY = { retries: 3, factor: 2, minTimeout: 200, maxTimeout: 5000 } as const;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function createSlackApi(options: SlackApiOptions): SlackApi {
  const base = new URL(options.apiUrl ? (options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/`) : 'https://slack.com/api/');
  const secure = base.protocol === 'https:';
  const agent = secure ? new https.Agent({ keepAlive: true, maxSockets: 32 }) : new http.Agent({ keepAlive: true, maxSockets: 32 });
  const retries = options.retries ?? SLACK_RETRY.retries;
  const rateLimitRetries = options.rateLimitRetries ?? 5;
  const maxRetryAfterSeconds = options.maxRetryAfterSeconds ?? 60;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const authorization = `Bearer ${options.token}`;

  const post = (method: string, body: string) =>
    new Promise<Answer>((resolve, reject) => {
      const request = (secure ? https : http).request(new URL(method, base), {
        method: 'POST',
        agent,
        timeout: timeoutMs,
        headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
      }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, retryAfter: response.headers['retry-after'] as string | undefined, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      });
      request.on('timeout', () => request.destroy(new Error(`timed out after ${timeoutMs} ms`)));
      request.on('error', reject);
      request.end(body);
    });

  async function call(method: string, args: Record<string, unknown>): Promise<SlackApiResult> {
    const body = formEncode(args);
    let failures = 0;
    let limited = 0;
    for (;;) {
      let answer: Answer;
      try {
        answer = await post(method, body);
      } catch (error) {
        if (failures++ < retries) {
          await sleep(backoff(failures));
          continue;
        }
        throw new SlackHttpError(method, 0, (error as Error).message);
      }
      if (answer.status === 429) {
        const seconds = Number(answer.retryAfter ?? 1);
        const wait = Number.isFinite(seconds) && seconds >= 0 ? seconds : 1;
        if (limited++ < rateLimitRetries && wait <= maxRetryAfterSeconds) {
          await sleep(wait * 1000);
          continue;
        }
        throw new SlackHttpError(method, 429, `rate limited; Retry-After ${answer.retryAfter ?? '—'}`);
      }
      if (answer.status >= 500 && failures++ < retries) {
        await sleep(backoff(failures));
        continue;
      }
      if (answer.status !== 200) throw new SlackHttpError(method, answer.status, answer.body.slice(0, 200));
      let data: Record<string, unknown>;
      try {
        data = JSON.parse(answer.body) as Record<string, unknown>;
      } catch {
        throw new SlackHttpError(method, answer.status, 'the answer is not JSON');
      }
      if (data.ok !== true) throw new SlackApiError(method, typeof data.error === 'string' ? data.error : 'unknown_error');
      return data as SlackApiResult;
    }
  }

  return { call, close: () => agent.destroy() };
}

/** 200 ms, 400 ms, 800 ms … at most 5 s. */
const backoff = (failure: number) => Math.min(SLACK_RETRY.maxTimeout, SLACK_RETRY.minTimeout * SLACK_RETRY.factor ** (failure - 1));

/** Slack's form encoding: objects and arrays (blocks, metadata) as JSON, the rest as text; undefined left out. */
function formEncode(args: Record<string, unknown>): string {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined) continue;
    form.append(key, typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));
  }
  return form.toString();
}
