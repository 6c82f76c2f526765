// A local stand-in for Slack's Web API (the only part of the product that gets a fake: Slack is
// unreachable from here). The Web API client's slackApiUrl points at it. It records every call,
// answers like Slack (ok:true with plausible fields, ok:false errors, 429 with Retry-After when
// told to), serves files for download (bot token required, like files.slack.com), records what
// listeners post to response_url, and speaks Socket Mode over a WebSocket.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export type RecordedCall = {
  /** Web API method ("chat.postMessage"), or "response_url" for posts to a response URL. */
  method: string;
  /** Form fields (JSON-looking ones parsed) or the JSON body. */
  body: Record<string, any>;
  /** The response URL's path for method "response_url". */
  path: string;
  token: string | null;
};

type Answer = Record<string, unknown> | { status: number; headers?: Record<string, string>; raw: string };
type Handler = (body: Record<string, any>) => Answer | undefined;

export type FakeSlackUser = { id: string; email?: string; tz?: string; locale?: string; name?: string; is_bot?: boolean };

export type FakeSlack = Awaited<ReturnType<typeof startFakeSlack>>;

const JSON_FIELDS = ['blocks', 'view', 'attachments', 'unfurls', 'metadata', 'files', 'user_auth_blocks'];
export const BOT_TOKEN = 'xoxb-test-token';
export const BOT_USER_ID = 'UKONTAKTBOT';

export async function startFakeSlack() {
  const calls: RecordedCall[] = [];
  const overrides = new Map<string, Handler[]>();
  const users = new Map<string, FakeSlackUser>();
  const files = new Map<string, { bytes: Buffer; mimeType: string }>();
  const sockets = new Set<WebSocket>();
  const socketAcks: { envelope_id: string; payload: any }[] = [];
  let counter = 0;
  let origin = '';

  const defaults: Record<string, Handler> = {
    'auth.test': () => ({ ok: true, url: 'https://kontakt-test.slack.com/', team: 'Kontakt Test', user: 'kontakt', team_id: 'T0KONTAKT', user_id: BOT_USER_ID, bot_id: 'BKONTAKT' }),
    'users.info': (b) => {
      const user = users.get(String(b.user));
      if (!user) return { ok: false, error: 'user_not_found' };
      return { ok: true, user: { id: user.id, name: user.name ?? user.id, is_bot: user.is_bot ?? false, tz: user.tz ?? 'Europe/Warsaw', locale: user.locale ?? 'pl-PL', profile: { email: user.email, real_name: user.name ?? user.id } } };
    },
    'users.lookupByEmail': (b) => {
      const user = [...users.values()].find((u) => u.email?.toLowerCase() === String(b.email).toLowerCase());
      return user ? { ok: true, user: { id: user.id, name: user.name ?? user.id, tz: user.tz, profile: { email: user.email } } } : { ok: false, error: 'users_not_found' };
    },
    'conversations.open': (b) => ({ ok: true, channel: { id: `D${String(b.users ?? 'X').replace(/^U/, '')}` } }),
    'chat.postMessage': (b) => ({ ok: true, channel: b.channel, ts: nextTs(), message: { text: b.text, blocks: b.blocks } }),
    'chat.postEphemeral': () => ({ ok: true, message_ts: nextTs() }),
    'chat.update': (b) => ({ ok: true, channel: b.channel, ts: b.ts, text: b.text }),
    'chat.unfurl': () => ({ ok: true }),
    'chat.getPermalink': (b) => ({ ok: true, channel: b.channel, permalink: `https://kontakt-test.slack.com/archives/${b.channel}/p${String(b.message_ts).replace('.', '')}` }),
    'views.open': (b) => ({ ok: true, view: { id: `V${++counter}`, ...(b.view ?? {}) } }),
    'views.push': (b) => ({ ok: true, view: { id: `V${++counter}`, ...(b.view ?? {}) } }),
    'views.update': (b) => ({ ok: true, view: { id: b.view_id ?? `V${++counter}`, ...(b.view ?? {}) } }),
    'views.publish': (b) => ({ ok: true, view: { id: `V${++counter}`, ...(b.view ?? {}) } }),
    // No earlier messages unless a test says otherwise (answerNext).
    'conversations.history': () => ({ ok: true, messages: [], has_more: false }),
    'apps.connections.open': () => ({ ok: true, url: `${origin.replace(/^http/, 'ws')}/socket` }),
  };

  function nextTs() {
    counter += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(counter).padStart(6, '0')}`;
  }

  async function readBody(req: IncomingMessage): Promise<Record<string, any>> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    if ((req.headers['content-type'] ?? '').includes('application/json')) return raw ? JSON.parse(raw) : {};
    const body: Record<string, any> = Object.fromEntries(new URLSearchParams(raw));
    for (const key of JSON_FIELDS) {
      if (typeof body[key] === 'string') {
        try {
          body[key] = JSON.parse(body[key]);
        } catch {
          /* leave as text */
        }
      }
    }
    return body;
  }

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '') || null;
    if (req.method === 'GET' && url.pathname.startsWith('/files/')) {
      const file = files.get(url.pathname);
      if (token !== BOT_TOKEN) return void res.writeHead(302, { Location: `${origin}/login-page` }).end();
      if (!file) return void res.writeHead(404).end('not found');
      res.writeHead(200, { 'Content-Type': file.mimeType, 'Content-Length': String(file.bytes.length) }).end(file.bytes);
      return;
    }
    const body = await readBody(req);
    if (url.pathname.startsWith('/response/')) {
      calls.push({ method: 'response_url', body, path: url.pathname, token });
      return void res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok');
    }
    const method = url.pathname.replace(/^\/api\//, '');
    // Slack's SDK sends the token in the Authorization header or as a "token" field.
    calls.push({ method, body, path: url.pathname, token: token ?? body.token ?? null });
    const queue = overrides.get(method);
    const override = queue?.[0];
    if (override && queue) queue.shift();
    const answer = override?.(body) ?? defaults[method]?.(body) ?? { ok: true };
    if ('raw' in answer && 'status' in answer) {
      res.writeHead(answer.status as number, { 'Content-Type': 'application/json', ...(answer.headers as Record<string, string> | undefined) }).end(answer.raw);
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer));
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    if (!req.url?.startsWith('/socket')) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', (data) => {
        const message = JSON.parse(String(data));
        if (message.envelope_id) socketAcks.push(message);
      });
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'AKONTAKT' } }));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    /** For the Web API client's slackApiUrl. */
    apiUrl: `${origin}/api/`,
    calls,
    /** Bodies of the recorded calls to one method, oldest first. */
    callsTo: (method: string) => calls.filter((c) => c.method === method).map((c) => c.body),
    /** A fresh response_url; what listeners post there is recorded under method "response_url". */
    responseUrl: () => `${origin}/response/${++counter}`,
    /** Bodies posted to one response_url. */
    responsesTo: (responseUrl: string) => calls.filter((c) => c.method === 'response_url' && responseUrl.endsWith(c.path)).map((c) => c.body),
    addUser: (user: FakeSlackUser) => void users.set(user.id, user),
    /** Serves `bytes` at a files.slack.com-like URL that needs the bot token; returns the URL. */
    addFile: (name: string, bytes: Buffer, mimeType = 'application/octet-stream') => {
      const path = `/files/${++counter}/${encodeURIComponent(name)}`;
      files.set(path, { bytes, mimeType });
      return `${origin}${path}`;
    },
    /** The next call to `method` answers with `answer` (ok:false errors, odd shapes). */
    answerNext: (method: string, answer: Answer | ((body: Record<string, any>) => Answer)) => {
      const queue = overrides.get(method) ?? [];
      queue.push(typeof answer === 'function' ? answer : () => answer);
      overrides.set(method, queue);
    },
    /** The next call to `method` gets HTTP 429 with Retry-After. */
    rateLimitNext: (method: string, retryAfterSeconds = 1) => {
      const queue = overrides.get(method) ?? [];
      queue.push(() => ({ status: 429, headers: { 'Retry-After': String(retryAfterSeconds) }, raw: JSON.stringify({ ok: false, error: 'ratelimited' }) }));
      overrides.set(method, queue);
    },
    /** Socket Mode: sends an envelope to every connected client. */
    socketSend: (envelope: Record<string, unknown>) => {
      for (const ws of sockets) ws.send(JSON.stringify(envelope));
    },
    socketAcks,
    socketClients: () => sockets.size,
    reset: () => {
      calls.length = 0;
      overrides.clear();
      socketAcks.length = 0;
    },
    close: async () => {
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
