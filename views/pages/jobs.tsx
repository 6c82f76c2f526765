import type { FailedJob, QueueCounts } from '../../src/jobs/queues.ts';
import { Layout, type LayoutProps } from '../layouts/layout.tsx';

/** What the page shows: the figures, or why there are none. */
export type JobsView = { counts: QueueCounts[]; failed: FailedJob[] } | { unavailable: string | null };

const STATES = [['waiting', 'jbWaiting'], ['active', 'jbActive'], ['delayed', 'jbDelayed'], ['failed', 'jbFailed'], ['completed', 'jbCompleted']] as const;

/** Background jobs (admins): counts per queue and the latest failed jobs with their errors. */
export function JobsPage(props: Omit<LayoutProps, 'title' | 'children'> & { jobs: JobsView }) {
  const { t, jobs } = props;
  return (
    <Layout {...props} title={t('jbTitle')}>
      <h1>{t('jbTitle')}</h1>
      <p class="muted">{t('jbIntro')}</p>
      {'unavailable' in jobs ? (
        <p class="notice">{jobs.unavailable === null ? t('jbNotConfigured') : t('jbUnavailable', { error: jobs.unavailable })}</p>
      ) : (
        <>
          <table class="list jobs-counts">
            <thead><tr><th>{t('jbQueue')}</th>{STATES.map(([, label]) => <th>{t(label)}</th>)}</tr></thead>
            <tbody>
              {jobs.counts.map((q) => (
                <tr data-queue={q.queue}>
                  <td>{q.queue}</td>
                  {STATES.map(([state]) => <td class={state === 'failed' && q.failed > 0 ? 'error' : undefined} data-state={state}>{q[state]}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t('jbLastFailed')}</h2>
          {jobs.failed.length === 0 ? (
            <p class="muted">{t('jbNoFailed')}</p>
          ) : (
            <table class="list jobs-failed">
              <thead><tr><th>{t('jbQueue')}</th><th>{t('jbJob')}</th><th>{t('jbFailedAt')}</th><th>{t('jbAttempts')}</th><th>{t('jbError')}</th></tr></thead>
              <tbody>
                {jobs.failed.map((j) => (
                  <tr><td>{j.queue}</td><td>{j.id}</td><td>{t.dateTime(j.failedAt)}</td><td>{j.attempts}</td><td>{j.error}</td></tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </Layout>
  );
}
