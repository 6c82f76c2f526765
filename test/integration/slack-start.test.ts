// The slack role in a real process (`src/main.ts`): Socket Mode start-up wiring (app token →
// apps.connections.open → WebSocket → a command answered), HTTP mode on the web server's
// POST /slack/events, and the log line saying why the role is off.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signSlackRequest } from '../../src/slack/verify-signature.ts';
import { uid } from '../factories/index.ts';
import { dropTestDatabase } from '../helpers/db.ts';
import { databaseUrl, TEST_REDIS_URL } from '../helpers/env.ts';
import { BOT_TOKEN, startFakeSlack, type FakeSlack } from '../helpers/fake-slack.ts';
import { freePort, waitForLine } from '../helpers/process.ts';
import { triggerId } from '../helpers/slack.ts';

const root = path.resolve(import.meta.dirname, '../..');
const dbName = `kontakt_slack_start_${uid()}`;
const SECRET = 'process-signing-secret';
let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack();
});
afterAll(async () => {
  await fake?.close();
  await dropTestDatabase(dbName);
});

function start(env: Record<string, string>) {
  const output: string[] = [];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl(dbName), REDIS_URL: TEST_REDIS_URL, HOST: '127.0.0.1', DATA_DIR: path.join('/tmp', `kontakt-slack-start-${uid()}`), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d) => output.push(String(d)));
  child.stderr.on('data', (d) => output.push(String(d)));
  return { child, output };
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  return exited;
}

describe('slack role in a real process', () => {
  it('Socket Mode: connects with SLACK_APP_TOKEN and answers a /contact command over the socket', async () => {
    const { child, output } = start({
      ROLES: 'slack', PORT: String(await freePort()), SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: 'xapp-1-process', SLACK_API_URL: fake.apiUrl,
    });
    try {
      await waitForLine(child, output, /Kontakt started/, 60_000);
      expect(output.join('')).toContain('slack: started in Socket Mode');
      expect(fake.calls.find((c) => c.method === 'apps.connections.open')?.token).toBe('xapp-1-process');
      await expect.poll(() => fake.socketClients(), { timeout: 5000 }).toBe(1);

      const responseUrl = fake.responseUrl();
      fake.socketSend({
        envelope_id: 'env-process-1', type: 'slash_commands', accepts_response_payload: true,
        payload: { team_id: 'T0KONTAKT', user_id: 'U0STRANGER', user_name: 'stranger', command: '/contact', text: 'help', response_url: responseUrl, trigger_id: triggerId(), channel_id: 'C1' },
      });
      await expect.poll(() => fake.socketAcks.some((a) => a.envelope_id === 'env-process-1'), { timeout: 10_000 }).toBe(true);
      // Not an employee: users.info was asked, and the polite refusal went to the response_url.
      await expect.poll(() => fake.responsesTo(responseUrl)[0]?.text ?? '', { timeout: 10_000 }).toMatch(/administrator/i);
      expect(fake.callsTo('users.info').some((b) => b.user === 'U0STRANGER')).toBe(true);
      expect(await stop(child)).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 90_000);

  it('HTTP mode: POST /slack/events on the web server checks signatures', async () => {
    const port = await freePort();
    const { child, output } = start({ ROLES: 'web,slack', PORT: String(port), SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: fake.apiUrl });
    try {
      await waitForLine(child, output, /Kontakt started/, 60_000);
      expect(output.join('')).toContain('slack: listening on POST /slack/events');
      const body = JSON.stringify({ token: 'x', challenge: 'challenge-42', type: 'url_verification' });
      const ts = Math.floor(Date.now() / 1000);
      const signed = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: 'POST', body, headers: { 'Content-Type': 'application/json', 'X-Slack-Request-Timestamp': String(ts), 'X-Slack-Signature': signSlackRequest(SECRET, ts, body) },
      });
      expect(await signed.json()).toEqual({ challenge: 'challenge-42' });
      const forged = await fetch(`http://127.0.0.1:${port}/slack/events`, {
        method: 'POST', body, headers: { 'Content-Type': 'application/json', 'X-Slack-Request-Timestamp': String(ts), 'X-Slack-Signature': signSlackRequest('wrong', ts, body) },
      });
      expect(forged.status).toBe(401);
      expect(await stop(child)).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 90_000);

  it('says in the log why the role is off', async () => {
    const { child, output } = start({ ROLES: 'slack', PORT: String(await freePort()) });
    try {
      await waitForLine(child, output, /Kontakt started/, 60_000);
      expect(output.join('')).toContain('slack: off — SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are not both set');
      const noWeb = start({ ROLES: 'slack', PORT: String(await freePort()), SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: BOT_TOKEN });
      try {
        await waitForLine(noWeb.child, noWeb.output, /Kontakt started/, 60_000);
        expect(noWeb.output.join('')).toContain('slack: off — HTTP mode is served by the web role');
      } finally {
        await stop(noWeb.child);
      }
      expect(await stop(child)).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 90_000);
});
