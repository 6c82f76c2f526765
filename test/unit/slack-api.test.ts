// The reminder workers' Slack Web API caller against a local HTTP server that answers like Slack.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackApi, SlackApiError, SlackHttpError, type SlackApi } from '../../src/slack/slack-api.ts';

type Seen = { path: string; auth: string | undefined; type: string | undefined; form: URLSearchParams };
const seen: Seen[] = [];
let answers: ((res: ServerResponse) => void)[] = [];
let url = '';
const server = createServer((req: IncomingMessage, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    seen.push({ path: req.url ?? '', auth: req.headers.authorization, type: req.headers['content-type'], form: new URLSearchParams(Buffer.concat(chunks).toString()) });
    const answer = answers.shift();
    if (answer) answer(res);
    else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, channel: 'D1', ts: '1.000100' }));
  });
});
let api: SlackApi;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  api = createSlackApi({ token: 'xoxb-1', apiUrl: url });
});
afterAll(async () => {
  api.close();
  await new Promise((resolve) => server.close(resolve));
});

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => (res: ServerResponse) =>
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));

describe('createSlackApi', () => {
  it('posts the arguments form-encoded (objects as JSON) with the bot token, and returns the answer', async () => {
    seen.length = 0;
    const answer = await api.call('chat.postMessage', { channel: 'U1', text: 'Zażółć & co', blocks: [{ type: 'section' }], unfurl_links: false, thread_ts: undefined });
    expect(answer).toMatchObject({ ok: true, channel: 'D1', ts: '1.000100' });
    const [call] = seen;
    expect(call).toMatchObject({ path: '/api/chat.postMessage', auth: 'Bearer xoxb-1', type: 'application/x-www-form-urlencoded' });
    expect(Object.fromEntries(call!.form)).toEqual({ channel: 'U1', text: 'Zażółć & co', blocks: '[{"type":"section"}]', unfurl_links: 'false' });
  });

  it('ok:false → SlackApiError with Slack\'s code, not retried', async () => {
    seen.length = 0;
    answers = [json(200, { ok: false, error: 'user_not_found' })];
    const error = await api.call('chat.postMessage', { channel: 'U2' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlackApiError);
    expect(error).toMatchObject({ slackError: 'user_not_found', method: 'chat.postMessage' });
    expect(seen).toHaveLength(1);
  });

  it('429 → waits Retry-After, then sends again; a Retry-After beyond the limit is not waited for', async () => {
    seen.length = 0;
    answers = [json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' })];
    const started = Date.now();
    expect(await api.call('chat.postMessage', { channel: 'U3' })).toMatchObject({ ok: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(seen).toHaveLength(2);

    const impatient = createSlackApi({ token: 'xoxb-1', apiUrl: url, maxRetryAfterSeconds: 5 });
    answers = [json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '120' })];
    await expect(impatient.call('chat.postMessage', { channel: 'U3' })).rejects.toMatchObject({ name: 'SlackHttpError', statusCode: 429 });
    impatient.close();
  });

  it('HTTP 5xx and answers that are not JSON: retried with backoff, then SlackHttpError', async () => {
    seen.length = 0;
    answers = [(res) => res.writeHead(502).end('bad gateway'), json(200, { ok: true, ts: '2.0' })];
    expect(await api.call('chat.postMessage', { channel: 'U4' })).toMatchObject({ ts: '2.0' });
    expect(seen).toHaveLength(2);

    const once = createSlackApi({ token: 'xoxb-1', apiUrl: url, retries: 1 });
    seen.length = 0;
    answers = [(res) => res.writeHead(500).end('a'), (res) => res.writeHead(500).end('b')];
    const error = await once.call('chat.postMessage', { channel: 'U4' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlackHttpError);
    expect(error).toMatchObject({ statusCode: 500 });
    expect(seen).toHaveLength(2);
    answers = [(res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>')];
    await expect(once.call('chat.postMessage', { channel: 'U4' })).rejects.toThrow(/not JSON/);
    once.close();
  });

  it('a server that is not there: SlackHttpError with status 0 after the retries', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const gone = createSlackApi({ token: 'xoxb-1', apiUrl: `http://127.0.0.1:${port}/api/`, retries: 2 });
    const error = await gone.call('chat.postMessage', { channel: 'U5' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlackHttpError);
    expect(error).toMatchObject({ statusCode: 0 });
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
    gone.close();
  });
});
