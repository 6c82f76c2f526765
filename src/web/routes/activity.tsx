import { Hono } from 'hono';
import type { Db } from '../../db.ts';
import type { PanelEnv } from '../security.ts';

/** TODO(issue 7): the activity page. */
export function activityRoutes(_deps: { db: Db }) {
  return new Hono<PanelEnv>();
}
