// CSV import and export of companies, people and contacts.
import { Hono } from 'hono';
import type { Db } from '../../db.ts';
import type { DomainSettings } from '../../domain/shared/settings.ts';
import type { PanelEnv } from '../security.ts';

export function csvRoutes(_deps: { db: Db; settings: DomainSettings }) {
  const app = new Hono<PanelEnv>();
  return app;
}
