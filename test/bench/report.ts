// The machine note, plain-text tables and the JSON results file.
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type pg from 'pg';

export type Machine = {
  cpu: string;
  cpus: number;
  memoryGiB: number;
  os: string;
  node: string;
  postgres: string;
  /** Server settings that move these numbers. */
  settings: Record<string, string>;
  databaseSize: string;
  /** 1-minute load average when the measurements started: other work on the machine skews them. */
  loadAverage: number;
};

export async function describeMachine(pool: pg.Pool): Promise<Machine> {
  const { rows: [version] } = await pool.query<{ version: string; size: string }>('SELECT version(), pg_size_pretty(pg_database_size(current_database())) AS size');
  const { rows: settings } = await pool.query<{ name: string; setting: string }>(
    `SELECT name, current_setting(name) AS setting FROM pg_settings
     WHERE name IN ('shared_buffers', 'work_mem', 'effective_cache_size', 'random_page_cost', 'jit', 'synchronous_commit', 'max_parallel_workers_per_gather')
     ORDER BY name`,
  );
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cpus: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    postgres: version!.version,
    settings: Object.fromEntries(settings.map((s) => [s.name, s.setting])),
    databaseSize: version!.size,
    loadAverage: os.loadavg()[0]!,
  };
}

export function machineLines(m: Machine, loadAverageAtEnd: number): string[] {
  return [
    `Machine: ${m.cpu} × ${m.cpus}, ${m.memoryGiB} GiB RAM, ${m.os}`,
    `Node ${m.node}; ${m.postgres}`,
    `PostgreSQL settings: ${Object.entries(m.settings).map(([k, v]) => `${k}=${v}`).join(', ')}; database ${m.databaseSize}`,
    `Load average (1 min): ${m.loadAverage.toFixed(2)} at start, ${loadAverageAtEnd.toFixed(2)} at end — other work on this machine (and its PostgreSQL) skews the numbers`,
  ];
}

/** A table with a header rule; columns whose header starts with a space are right-aligned. */
export function renderTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.trim().length, ...rows.map((r) => (r[i] ?? '').length)));
  const right = headers.map((h) => h.startsWith(' '));
  const line = (cells: string[]) =>
    cells.map((c, i) => (right[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(headers.map((h) => h.trim())), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * test/bench/results/latest.json when git ignores that folder; otherwise (results do not belong in
 * commits) the system temp directory.
 */
export async function writeResults(results: unknown): Promise<string> {
  const inRepo = path.resolve(import.meta.dirname, 'results', 'latest.json');
  const ignored = await promisify(execFile)('git', ['check-ignore', '-q', inRepo], { cwd: import.meta.dirname }).then(
    () => true,
    () => false,
  );
  const file = ignored ? inRepo : path.join(os.tmpdir(), 'kontakt-bench', 'latest.json');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}
