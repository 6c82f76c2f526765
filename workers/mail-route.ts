// mail-route: parse and route one stored message. Validation failures and a missing message are
// permanent (UnrecoverableError: no retries); anything else is retried with backoff.
import { UnrecoverableError, type Job } from 'bullmq';
import { parsePayload } from '../src/jobs/queues.ts';
import { processMail } from '../src/domain/mail/process-mail.ts';
import { AppError } from '../src/errors.ts';
import type { WorkerDeps } from './index.ts';

export const mailRoute = (deps: WorkerDeps) => async (job: Job) => {
  const payload = permanent(() => parsePayload('mail-route', job.data));
  const result = await processMail(deps.db, deps.store, payload.mailMessageId, deps.settings, { onUnmatched: deps.onUnmatched }).catch((error: unknown) => {
    throw error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'VALIDATION') ? new UnrecoverableError(error.message) : error;
  });
  // The hook (the Slack triage DM) failing leaves the e-mail safely in triage: logged, not retried.
  if (result.hookError) deps.logger.warn({ mailMessageId: payload.mailMessageId, err: result.hookError }, 'mail-route: triage hook failed');
  return { status: (result as { status?: string } | undefined)?.status ?? null };
};

function permanent<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw new UnrecoverableError((error as Error).message);
  }
}
