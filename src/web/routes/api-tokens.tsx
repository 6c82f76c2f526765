// The panel's API tokens page: employees create and revoke their own tokens, admins see and
// revoke everyone's. A new token is shown once, in the answer to the form that created it.
import { Hono, type Context } from 'hono';
import type { Db } from '../../db.ts';
import { createApiToken } from '../../domain/api-tokens/create-api-token.ts';
import { listApiTokens } from '../../domain/api-tokens/list-api-tokens.ts';
import { revokeApiToken } from '../../domain/api-tokens/revoke-api-token.ts';
import { isPrivileged } from '../../domain/shared/actor.ts';
import { isAppError } from '../../errors.ts';
import { ApiTokensPage, type ApiTokensPageProps } from '../../../views/pages/api-tokens.tsx';
import { fieldMessages, formFields, panel, pathId } from '../panel-context.ts';
import { requireSignIn, type PanelEnv } from '../security.ts';

type Extra = Pick<ApiTokensPageProps, 'created' | 'message' | 'error' | 'values'>;

export function apiTokenRoutes(deps: { db: Db }) {
  const app = new Hono<PanelEnv>();
  app.use('/api-tokens', requireSignIn);
  app.use('/api-tokens/*', requireSignIn);

  const page = async (c: Context<PanelEnv>, extra: Extra = {}, status: 200 | 422 = 200) => {
    const p = panel(c);
    const everyone = isPrivileged(p.actor);
    const tokens = await listApiTokens(deps.db, p.actor, { everyone });
    // Never cached: the answer to a create holds the token itself.
    c.header('Cache-Control', 'no-store');
    return c.html(<ApiTokensPage {...p.layout} tokens={tokens} everyone={everyone} {...extra} />, status);
  };

  app.get('/api-tokens', (c) => page(c));

  app.post('/api-tokens', async (c) => {
    const form = await formFields(c);
    // A date from the form expires at the end of that day, UTC.
    const expiresAt = form.expiresAt ? `${form.expiresAt}T23:59:59Z` : null;
    try {
      const created = await createApiToken(deps.db, panel(c).actor, { name: form.name ?? '', expiresAt });
      return page(c, { created: { name: created.name, token: created.token } });
    } catch (error) {
      if (!isAppError(error, 'VALIDATION')) throw error;
      return page(c, { error: fieldMessages(error), values: { name: form.name, expiresAt: form.expiresAt } }, 422);
    }
  });

  app.post('/api-tokens/:id/revoke', async (c) => {
    const p = panel(c);
    const revoked = await revokeApiToken(deps.db, p.actor, { id: pathId(c.req.param('id'), 'API token') });
    return page(c, { message: p.t('apiTokenRevoked', { name: revoked.name }) });
  });

  return app;
}
