// `npm start` end to end: a real process on an empty database migrates, loads the demo data,
// serves, and stops cleanly on SIGTERM.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dropTestDatabase } from '../helpers/db.ts';
import { databaseUrl, TEST_REDIS_URL } from '../helpers/env.ts';
import { uid } from '../factories/index.ts';
import { freePort, waitForLine } from '../helpers/process.ts';

const root = path.resolve(import.meta.dirname, '../..');
const dbName = `kontakt_start_${uid()}`;
let dataDir = '';

afterAll(async () => {
  await dropTestDatabase(dbName);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('migrates an empty database, loads demo data, serves, and shuts down on SIGTERM', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'kontakt-start-'));
    const port = await freePort();
    const output: string[] = [];
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl(dbName), REDIS_URL: TEST_REDIS_URL, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DEMO_DATA: 'true', ROLES: 'web,workers' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (d) => output.push(String(d)));
    child.stderr.on('data', (d) => output.push(String(d)));
    try {
      await waitForLine(child, output, /Kontakt started/, 120_000);
      const log = output.join('');
      expect(log).toContain('applying migration');
      expect(log).toMatch(/sign in as admin@kontakt\.demo with password \S+/);
      expect(log).toContain('workers: started');

      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(200);
      const login = await fetch(`http://127.0.0.1:${port}/`, { redirect: 'follow' });
      expect(login.url).toMatch(/\/login$/);
      expect(await login.text()).toContain('name="password"');
      const session = await fetch(`http://127.0.0.1:${port}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { Origin: `http://127.0.0.1:${port}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: 'admin@kontakt.demo', password: log.match(/with password ([^\s"]+)/)![1]! }),
      });
      expect(session.status).toBe(303);
      const cookie = session.headers.get('set-cookie')!.split(';')[0]!;
      const contacts = await (await fetch(`http://127.0.0.1:${port}/contacts`, { headers: { Cookie: cookie } })).text();
      expect(contacts.match(/href="\/contacts\/\d+"/g)?.length).toBe(50);

      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output.join('')).toContain('stopped');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 180_000);

  it('refuses to start with a bad variable and names it', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH, PORT: 'not-a-port', ROLES: 'web,printer' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('PORT');
    expect(stderr).toContain('ROLES: unknown role(s) printer');
  });
});
