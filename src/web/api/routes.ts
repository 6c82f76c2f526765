// The JSON API for integrations, /api/v1, authenticated by per-employee API tokens.
import { Hono } from 'hono';
import type { Db } from '../../db.ts';
import type { FileStore } from '../../domain/files/index.ts';
import type { DomainSettings } from '../../domain/shared/settings.ts';

export function apiRoutes(_deps: { db: Db; settings: DomainSettings; fileStore: FileStore; publicUrl: string }) {
  const app = new Hono();
  return app;
}
