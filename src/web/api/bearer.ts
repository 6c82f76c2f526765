// Bearer authentication for /api/v1 and the API's own errors (the ones that are not AppErrors).
import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Db } from '../../db.ts';
import { authenticateApiToken, type ApiCaller } from '../../domain/api-tokens/authenticate-api-token.ts';

export type ApiEnv = { Variables: { caller: ApiCaller } };

/** An HTTP-level refusal of the API (bad JSON, wrong media type, no token): not a domain error. */
export class ApiHttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Only the Authorization header authenticates: the session cookie is never looked at, so a page
 * on another site cannot make a signed-in browser call the API (and no CSRF token is needed).
 */
export function requireApiToken(db: Db): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const match = /^Bearer +(\S+) *$/i.exec(c.req.header('Authorization') ?? '');
    const caller = await authenticateApiToken(db, match?.[1]);
    if (!caller) {
      c.header('WWW-Authenticate', match ? 'Bearer realm="kontakt", error="invalid_token"' : 'Bearer realm="kontakt"');
      return c.json({ error: { code: 'UNAUTHORIZED', message: match ? 'Unknown, revoked or expired API token' : 'Send an API token: Authorization: Bearer <token>' } }, 401);
    }
    c.set('caller', caller);
    return next();
  };
}

/** The JSON body; malformed JSON is 400, another media type 415. */
export async function jsonBody(c: Context): Promise<unknown> {
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(c.req.header('Content-Type') ?? '')) {
    throw new ApiHttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON (Content-Type: application/json)');
  }
  try {
    return await c.req.json();
  } catch (error) {
    if (error instanceof SyntaxError) throw new ApiHttpError(400, 'MALFORMED', `The body is not valid JSON: ${error.message}`);
    throw error;
  }
}
