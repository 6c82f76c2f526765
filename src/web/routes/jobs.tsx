// The background jobs page (admins): per-queue counts and the latest failed jobs, the figures of
// `cli jobs-status`. Read through the JobsStatus dep (main.ts binds it to the queues).
import { Hono } from 'hono';
import type { JobsStatus } from '../../jobs/queues.ts';
import { JobsPage, type JobsView } from '../../../views/pages/jobs.tsx';
import { panel } from '../panel-context.ts';
import { requireAdmin, requireSignIn, type PanelEnv } from '../security.ts';

/** Failed jobs listed. */
export const FAILED_SHOWN = 10;

export function jobsRoutes(deps: { jobs?: JobsStatus }) {
  const app = new Hono<PanelEnv>();
  app.use('/admin/jobs', requireSignIn, requireAdmin);

  app.get('/admin/jobs', async (c) => {
    const { jobs } = deps;
    // Redis down must not take the page with it: it says so instead (the page is how one finds out).
    const view: JobsView = jobs
      ? await Promise.all([jobs.counts(), jobs.failed(FAILED_SHOWN)]).then(
        ([counts, failed]) => ({ counts, failed }),
        (error: Error) => ({ unavailable: error.message }),
      )
      : { unavailable: null };
    return c.html(<JobsPage {...panel(c).layout} jobs={view} />);
  });
  return app;
}
