// The web channel's one mapping from AppError to HTTP. Unknown errors are logged with the request
// id and answered generically.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, type ErrorCode } from '../errors.ts';
import type { Logger } from '../logger.ts';

export const HTTP_STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  NOT_FOUND: 404,
  VALIDATION: 422,
  CONFLICT: 409,
  FORBIDDEN: 403,
  TOO_LARGE: 413,
};

export function errorHandler(logger: Logger) {
  return (error: Error, c: Context) => {
    if (error instanceof AppError) {
      return c.json({ error: { code: error.code, message: error.message, fields: error.details.fields } }, HTTP_STATUS[error.code]);
    }
    const requestId = c.get('requestId' as never) as string | undefined;
    logger.error({ err: error, requestId, path: c.req.path }, 'request failed');
    return c.json({ error: { code: 'INTERNAL', message: 'Something went wrong on our side', requestId } }, 500);
  };
}
