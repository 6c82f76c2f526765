import type { listApiTokens } from '../../src/domain/api-tokens/list-api-tokens.ts';
import { Layout, type LayoutProps } from '../layouts/layout.tsx';

type ApiToken = Awaited<ReturnType<typeof listApiTokens>>[number];

export type ApiTokensPageProps = Omit<LayoutProps, 'title' | 'children'> & {
  tokens: ApiToken[];
  /** Admins see everyone's tokens, each with its employee. */
  everyone: boolean;
  /** A token just created: shown this once. */
  created?: { name: string; token: string };
  message?: string;
  error?: string;
  values?: { name?: string; expiresAt?: string };
};

export function ApiTokensPage(props: ApiTokensPageProps) {
  const { t } = props;
  return (
    <Layout {...props} title={t('apiTokens')}>
      <h1>{t('apiTokens')}</h1>
      <p class="muted">{t('apiTokensIntro')} <a href="/api/v1/openapi.json">{t('apiTokenDocs')}</a></p>
      {props.message && <p class="notice" role="status">{props.message}</p>}
      {props.created && (
        <section class="notice api-token-created" role="alert">
          <p>{t('apiTokenCreated', { name: props.created.name })}</p>
          <p><strong>{t('apiTokenShownOnce')}</strong></p>
          <input class="api-token-value" type="text" readonly value={props.created.token} aria-label={t('apiTokenPrefix')} />
        </section>
      )}

      <h2>{t('apiTokenNew')}</h2>
      {props.error && <p class="error" role="alert">{props.error}</p>}
      <form class="card stack" method="post" action="/api-tokens">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <label>{t('apiTokenName')} <input name="name" maxlength={100} required placeholder={t('apiTokenNamePlaceholder')} value={props.values?.name ?? ''} /></label>
        <label>{t('apiTokenExpires')} <input type="date" name="expiresAt" value={props.values?.expiresAt ?? ''} /></label>
        <button type="submit">{t('apiTokenCreate')}</button>
      </form>

      <h2>{props.everyone ? t('apiTokenEveryone') : t('apiTokenMine')}</h2>
      {props.tokens.length === 0 ? (
        <p class="muted">{t('apiTokenNone')}</p>
      ) : (
        <table class="api-tokens">
          <thead>
            <tr>
              <th>{t('apiTokenName')}</th><th>{t('apiTokenPrefix')}</th>{props.everyone && <th>{t('apiTokenOwner')}</th>}
              <th>{t('apiTokenCreatedAt')}</th><th>{t('apiTokenLastUsed')}</th><th>{t('apiTokenExpiresAt')}</th><th></th>
            </tr>
          </thead>
          <tbody>
            {props.tokens.map((token) => (
              <tr id={`api-token-${token.id}`}>
                <td>{token.name}</td>
                <td><code>{token.prefix}_…</code></td>
                {props.everyone && <td>{token.employee.name}</td>}
                <td>{t.dateTime(token.createdAt)}</td>
                <td>{token.lastUsedAt ? t.dateTime(token.lastUsedAt) : t('apiTokenNeverUsed')}</td>
                <td>{t.dateTime(token.expiresAt)}</td>
                <td>
                  <form method="post" action={`/api-tokens/${token.id}/revoke`}>
                    <input type="hidden" name="_csrf" value={props.csrfToken} />
                    <button type="submit" class="link danger">{t('apiTokenRevoke')}</button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
