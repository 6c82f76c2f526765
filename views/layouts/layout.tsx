import type { Child } from 'hono/jsx';
import type { Translator } from '../i18n/messages.ts';

/**
 * htmx settings: no eval, no script tags from responses, no inline indicator styles (our CSP
 * forbids them anyway), and swap 409/422 answers: they carry the conflict or validation message.
 */
const HTMX_CONFIG = JSON.stringify({
  allowEval: false,
  allowScriptTags: false,
  includeIndicatorStyles: false,
  selfRequestsOnly: true,
  responseHandling: [
    { code: '204', swap: false },
    { code: '[23]..', swap: true },
    { code: '409', swap: true },
    { code: '422', swap: true },
    { code: '[45]..', swap: false, error: true },
  ],
});

export type LayoutProps = {
  title: string;
  t: Translator;
  /** Signed-in employee; absent on the sign-in page. */
  employee?: { name: string; role: 'admin' | 'member' };
  csrfToken?: string;
  children: Child;
};

export function Layout(props: LayoutProps) {
  const { t } = props;
  return (
    <html lang={t.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content={HTMX_CONFIG} />
        <title>{`${props.title} · Kontakt`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/static/app.css" />
        <script src="/static/htmx.min.js" defer></script>
      </head>
      {/* htmx sends the CSRF token as a header on every request it makes from this page. */}
      <body hx-headers={props.csrfToken ? JSON.stringify({ 'X-CSRF-Token': props.csrfToken }) : undefined}>
        {props.employee && (
          <header class="top">
            <span class="brand">{t('appName')}</span>
            <nav>
              <a href="/contacts">{t('contacts')}</a>
              <a href="/contacts/new">{t('newContact')}</a>
              <a href="/companies">{t('companies')}</a>
              <a href="/people">{t('people')}</a>
              <a href="/documents">{t('documents')}</a>
              <a href="/articles">{t('articles')}</a>
              <a href="/forecast">{t('fcNav')}</a>
              <a href="/activity">{t('acNav')}</a>
              <a href="/knowledge">{t('kbNav')}</a>
              <a href="/csv">{t('importExport')}</a>
              {props.employee.role === 'admin' && (
                <>
                  <a href="/employees">{t('employees')}</a>
                  <a href="/contact-kinds">{t('contactKinds')}</a>
                  <a href="/payment-forms">{t('paymentForms')}</a>
                  <a href="/handover">{t('handover')}</a>
                  <a href="/triage">{t('triage')}</a>
                  <a href="/admin/jobs">{t('jbTitle')}</a>
                </>
              )}
              <a href="/api-tokens">{t('apiTokens')}</a>
              <a href="/account">{t('account')}</a>
            </nav>
            <span class="muted">{props.employee.name}</span>
            <form method="post" action="/logout">
              <input type="hidden" name="_csrf" value={props.csrfToken} />
              <button type="submit" class="link">{t('signOut')}</button>
            </form>
          </header>
        )}
        <main>{props.children}</main>
      </body>
    </html>
  );
}
