import { serve } from '@hono/node-server';
import type { Config } from '../config.ts';
import { createChangeFeed } from '../db/change-feed.ts';
import { createFileStore } from '../domain/files/index.ts';
import { ingestSettingsFrom } from '../mail/mail-config.ts';
import { createApp, type WebDeps } from '../web/app.tsx';
import type { StartedRole } from './types.ts';

/** The HTTP server: panel, API, Slack endpoint and health checks. */
export async function startWeb(config: Config, deps: WebDeps): Promise<StartedRole> {
  const fileStore = createFileStore({ dataDir: config.dataDir, maxFileBytes: config.maxFileBytes });
  // PostgreSQL's change notifications: sessions and the busiest pages are kept until a change.
  const changes = createChangeFeed({ databaseUrl: config.databaseUrl, logger: deps.logger });
  await changes.start();
  const app = createApp({ ...deps, changes, publicUrl: config.publicUrl, settings: { timeZone: config.timeZone }, fileStore, seller: config.seller, mailSettings: ingestSettingsFrom(config) });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () => resolve(s));
  });
  deps.logger.info({ url: config.publicUrl, host: config.host, port: config.port }, 'web: listening');
  return {
    name: 'web',
    stop: async () => {
      await new Promise<void>((resolve) => {
        // Stop accepting; close() waits for open connections, so idle keep-alives are ended too.
        server.close(() => resolve());
        (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      });
      await changes.stop();
    },
  };
}
