// A real Dovecot (Debian's dovecot-imapd, /usr/sbin/dovecot) per test file: its own config, base
// dir, maildir and log in a temp dir, listening on a random loopback port, plaintext login with a
// static user. Runs in the foreground (-F) as a child process, so stop() and restart() are exact.
// Needs root (as in CI): Dovecot drops to the dovecot/dovenull users itself.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';

const DOVECOT = process.env.DOVECOT_BIN ?? '/usr/sbin/dovecot';
const DOVEADM = process.env.DOVEADM_BIN ?? 'doveadm';
const run = promisify(execFile);

export type DovecotServer = {
  host: string;
  port: number;
  user: string;
  password: string;
  dir: string;
  /** The same server seen as another user (any user name logs in; each has its own maildir). */
  forUser(user: string): DovecotServer;
  /** IMAP settings in the shape of config.imap (folders included). */
  imapConfig(overrides?: Partial<ImapTestConfig>): ImapTestConfig;
  start(): Promise<void>;
  stop(): Promise<void>;
  restart(): Promise<void>;
  /** APPENDs a raw message; returns its UID (UIDPLUS) and the folder's UIDVALIDITY. */
  appendMessage(raw: string | Buffer, folder?: string): Promise<{ uid: number; uidValidity: bigint }>;
  /** The folder's messages (UID, flags, Message-ID); [] when the folder does not exist. */
  listFolder(folder: string): Promise<{ uid: number; flags: string[]; messageId: string | null }[]>;
  /** The folder's current UIDVALIDITY. */
  uidValidity(folder?: string): Promise<bigint>;
  /** Gives the folder a new UIDVALIDITY (the messages stay), as when a server rebuilds it. */
  changeUidValidity(folder?: string): Promise<bigint>;
  /** Drops a message straight into INBOX's maildir (as an MDA would), e.g. while Dovecot is stopped. */
  deliverToMaildir(raw: string | Buffer): Promise<void>;
  log(): Promise<string>;
};

export type ImapTestConfig = {
  host: string; port: number; secure: boolean; user: string; password: string;
  mailbox: string; processedFolder: string; failedFolder: string; pollSeconds: number;
};

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPort(port: number, timeoutMs: number, child: ChildProcess, logFile: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`dovecot exited with ${child.exitCode}:\n${await readFile(logFile, 'utf8').catch(() => '')}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('data', (d) => { socket.destroy(); resolve(String(d).startsWith('* OK')); });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`dovecot did not listen on ${port} within ${timeoutMs} ms:\n${await readFile(logFile, 'utf8').catch(() => '')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function userIds(name: string): Promise<number> {
  const { stdout } = await run('id', ['-u', name]);
  return Number(stdout.trim());
}

export async function createDovecot(options: { user?: string; password?: string } = {}): Promise<DovecotServer> {
  const defaultUser = options.user ?? 'kontakty';
  const password = options.password ?? 'secret-test-password';
  const dir = await mkdtemp(path.join(os.tmpdir(), 'kontakt-dovecot-'));
  await chmod(dir, 0o755); // the mail processes run as dovecot and must reach the maildir
  const mailRoot = path.join(dir, 'mail');
  await mkdir(mailRoot, { recursive: true });
  const [uid, gid] = [await userIds('dovecot'), Number((await run('id', ['-g', 'dovecot'])).stdout.trim())];
  await chown(mailRoot, uid, gid);
  const port = await freePort();
  const configFile = path.join(dir, 'dovecot.conf');
  const logFile = path.join(dir, 'dovecot.log');
  const version = (await run(DOVECOT, ['--version'])).stdout.trim();
  const major = Number(version.split('.')[0]);
  const minor = Number(version.split('.')[1]);
  // 2.4 renamed the plaintext switch and reshaped passdb/userdb; Debian 12 ships 2.3.
  const modern = major > 2 || (major === 2 && minor >= 4);
  const config = modern
    ? `dovecot_config_version = ${version.split(' ')[0]}
dovecot_storage_version = ${version.split(' ')[0]}
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
instance_name = ${path.basename(dir)}
log_path = ${logFile}
ssl = no
shutdown_clients = yes
auth_allow_cleartext = yes
auth_mechanisms = plain login
default_login_user = dovenull
default_internal_user = dovecot
first_valid_uid = 100
mail_driver = maildir
mail_path = ${mailRoot}/%{user}
mail_home = ${mailRoot}/%{user}
namespace inbox {
  inbox = yes
  separator = /
}
passdb static {
  password = ${password}
}
userdb static {
  fields {
    uid = dovecot
    gid = dovecot
    home = ${mailRoot}/%{user}
  }
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`
    : `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
instance_name = ${path.basename(dir)}
log_path = ${logFile}
ssl = no
shutdown_clients = yes
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = dovenull
default_internal_user = dovecot
first_valid_uid = 100
mail_location = maildir:${mailRoot}/%u
namespace inbox {
  inbox = yes
  separator = /
}
passdb {
  driver = static
  args = password=${password}
}
userdb {
  driver = static
  args = uid=dovecot gid=dovecot home=${mailRoot}/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`;
  await writeFile(configFile, config);

  let child: ChildProcess | null = null;

  async function withClientAs<T>(user: string, fn: (c: ImapFlow) => Promise<T>): Promise<T> {
    const c = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false, disableAutoIdle: true });
    c.on('error', () => {});
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.logout().catch(() => c.close());
    }
  }

  const view = (user: string): DovecotServer => {
  const withClient = <T,>(fn: (c: ImapFlow) => Promise<T>) => withClientAs(user, fn);
  const server: DovecotServer = {
    forUser: (other) => view(other),
    host: '127.0.0.1',
    port,
    user,
    password,
    dir,
    imapConfig: (overrides = {}) => ({
      host: '127.0.0.1', port, secure: false, user, password,
      mailbox: 'INBOX', processedFolder: 'Kontakt/Processed', failedFolder: 'Kontakt/Failed', pollSeconds: 60, ...overrides,
    }),
    async start() {
      if (child) return;
      // Its own process group, so stop() ends the imap processes too: a restart drops every client.
      const c = spawn(DOVECOT, ['-F', '-c', configFile], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      c.stdout?.resume();
      c.stderr?.resume();
      child = c;
      await waitForPort(port, 15_000, c, logFile);
    },
    async stop() {
      const c = child;
      if (!c) return;
      child = null;
      if (c.exitCode !== null) return;
      const exited = new Promise((resolve) => c.once('exit', resolve));
      const group = (signal: NodeJS.Signals) => {
        try {
          process.kill(-c.pid!, signal);
        } catch {
          /* already gone */
        }
      };
      group('SIGTERM');
      const timer = setTimeout(() => group('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      // Client processes that outlive the master (shutdown_clients does not always reach them).
      await new Promise((r) => setTimeout(r, 100));
      group('SIGKILL');
    },
    async restart() {
      await server.stop();
      await server.start();
    },
    appendMessage: (raw, folder = 'INBOX') =>
      withClient(async (c) => {
        if (folder !== 'INBOX') await c.mailboxCreate(folder).catch(() => undefined);
        const res = await c.append(folder, raw);
        if (!res || !res.uid) throw new Error(`APPEND to ${folder} returned no UID`);
        return { uid: res.uid, uidValidity: BigInt(res.uidValidity ?? 0) };
      }),
    listFolder: (folder) =>
      withClient(async (c) => {
        const exists = (await c.list()).some((m) => m.path === folder);
        if (!exists) return [];
        const lock = await c.getMailboxLock(folder);
        try {
          const out: { uid: number; flags: string[]; messageId: string | null }[] = [];
          if ((c.mailbox as { exists: number }).exists === 0) return out;
          for await (const m of c.fetch('1:*', { uid: true, flags: true, envelope: true })) {
            out.push({ uid: m.uid, flags: [...(m.flags ?? [])], messageId: m.envelope?.messageId?.replace(/^<|>$/g, '') ?? null });
          }
          return out;
        } finally {
          lock.release();
        }
      }),
    uidValidity: (folder = 'INBOX') =>
      withClient(async (c) => {
        const status = await c.status(folder, { uidValidity: true });
        if (!status || status.uidValidity === undefined) throw new Error(`no UIDVALIDITY for ${folder}`);
        return BigInt(status.uidValidity);
      }),
    async changeUidValidity(folder = 'INBOX') {
      const before = await server.uidValidity(folder);
      const next = before + 1000n;
      await run(DOVEADM, ['-c', configFile, 'mailbox', 'update', '-u', user, '--uid-validity', String(next), folder]);
      return next;
    },
    async deliverToMaildir(raw) {
      // What the MDA does: a file in INBOX's new/, owned by the mail user. Works while Dovecot is down.
      const inbox = path.join(mailRoot, user);
      for (const sub of ['new', 'cur', 'tmp']) {
        await mkdir(path.join(inbox, sub), { recursive: true });
        await chown(path.join(inbox, sub), uid, gid);
      }
      await chown(inbox, uid, gid);
      const file = path.join(inbox, 'new', `${Date.now()}.M${Math.floor(Math.random() * 1e6)}P${process.pid}.kontakt-test`);
      await writeFile(file, raw);
      await chown(file, uid, gid);
    },
    log: () => readFile(logFile, 'utf8').catch(() => ''),
  };
  return server;
  };
  const server = view(defaultUser);
  return server;
}

/** Stops the server and removes its directory. */
export async function destroyDovecot(server: DovecotServer | undefined): Promise<void> {
  if (!server) return;
  await server.stop();
  await rm(server.dir, { recursive: true, force: true });
}
