import type { Translator } from '../i18n/messages.ts';
import { Layout } from '../layouts/layout.tsx';

export function LoginPage(props: { t: Translator; email?: string; error?: string; next?: string }) {
  const { t } = props;
  return (
    <Layout title={t('signIn')} t={t}>
      <div class="login card">
        <h1>{t('appName')}</h1>
        {props.error && <p class="error" role="alert">{props.error}</p>}
        <form method="post" action="/login">
          <input type="hidden" name="next" value={props.next ?? ''} />
          <label>
            {t('email')}
            <input type="email" name="email" value={props.email ?? ''} autocomplete="username" required autofocus />
          </label>
          <label>
            {t('password')}
            <input type="password" name="password" autocomplete="current-password" required />
          </label>
          <button type="submit">{t('signIn')}</button>
        </form>
      </div>
    </Layout>
  );
}
