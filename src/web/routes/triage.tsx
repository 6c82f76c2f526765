// Triage: e-mails the ingester could not place (admins): assign, create a contact, or discard.
import { Hono } from 'hono';
import type { Db } from '../../db.ts';
import type { FileStore } from '../../domain/files/index.ts';
import type { DomainSettings } from '../../domain/shared/settings.ts';
import type { PanelEnv } from '../security.ts';

export function triageRoutes(_deps: { db: Db; fileStore: FileStore; settings: DomainSettings }) {
  const app = new Hono<PanelEnv>();
  return app;
}
