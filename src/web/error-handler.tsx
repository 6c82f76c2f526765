// The web channel's one mapping from AppError to HTTP. Pages get an HTML error page in the
// employee's language, everything else JSON. Unknown errors are logged with the request id and
// answered generically.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, type ErrorCode } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { localeFromAcceptLanguage, translator } from '../../views/i18n/messages.ts';
import { ErrorPage } from '../../views/pages/error.tsx';
import type { PanelEnv } from './security.ts';

export const HTTP_STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  NOT_FOUND: 404,
  VALIDATION: 422,
  CONFLICT: 409,
  FORBIDDEN: 403,
  TOO_LARGE: 413,
};

const wantsHtml = (c: Context) => (c.req.header('Accept') ?? '').includes('text/html') || Boolean(c.req.header('HX-Request'));

export function errorHandler(logger: Logger) {
  return (error: Error, c: Context<PanelEnv>) => {
    const known = error instanceof AppError;
    const status = known ? HTTP_STATUS[error.code] : 500;
    const requestId = c.get('requestId' as never) as string | undefined;
    if (!known) logger.error({ err: error, requestId, path: c.req.path }, 'request failed');
    const message = known ? error.message : `Something went wrong on our side (request ${requestId ?? '?'})`;
    if (wantsHtml(c)) {
      const session = c.get('signedIn');
      const t = session ? translator(session.employee.locale, session.employee.timeZone) : translator(localeFromAcceptLanguage(c.req.header('Accept-Language')));
      return c.html(<ErrorPage t={t} employee={session?.employee} csrfToken={session?.csrfToken} message={message} />, status);
    }
    return c.json({ error: { code: known ? error.code : 'INTERNAL', message, fields: known ? error.details.fields : undefined, requestId } }, status);
  };
}
