// Companies, people, employees, articles, contact kinds, payment forms and documents.
import { Hono } from 'hono';
import type { Db } from '../../db.ts';
import type { PanelEnv } from '../security.ts';

export function masterDataRoutes(_deps: { db: Db }) {
  const app = new Hono<PanelEnv>();
  return app;
}
