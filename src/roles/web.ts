import { serve } from '@hono/node-server';
import type { Config } from '../config.ts';
import { createFileStore } from '../domain/files/index.ts';
import { ingestSettingsFrom } from '../mail/mail-config.ts';
import { createApp, type WebDeps } from '../web/app.tsx';
import type { StartedRole } from './types.ts';

/** The HTTP server: panel, API, Slack endpoint and health checks. */
export async function startWeb(config: Config, deps: WebDeps): Promise<StartedRole> {
  const fileStore = createFileStore({ dataDir: config.dataDir, maxFileBytes: config.maxFileBytes });
  const app = createApp({ ...deps, publicUrl: config.publicUrl, settings: { timeZone: config.timeZone }, fileStore, seller: config.seller, mailSettings: ingestSettingsFrom(config) });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () => resolve(s));
  });
  deps.logger.info({ url: config.publicUrl, host: config.host, port: config.port }, 'web: listening');
  return {
    name: 'web',
    stop: () =>
      new Promise<void>((resolve) => {
        // Stop accepting; close() waits for open connections, so idle keep-alives are ended too.
        server.close(() => resolve());
        (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
      }),
  };
}
