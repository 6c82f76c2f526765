import { Layout, type LayoutProps } from '../layouts/layout.tsx';

export function AccountPage(props: Omit<LayoutProps, 'title' | 'children'> & { message?: string; error?: string }) {
  const { t } = props;
  return (
    <Layout {...props} title={t('account')}>
      <h1>{t('changePassword')}</h1>
      {props.message && <p class="notice" role="status">{props.message}</p>}
      {props.error && <p class="error" role="alert">{props.error}</p>}
      <form class="card stack" method="post" action="/account/password">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <label>{t('currentPassword')} <input type="password" name="currentPassword" autocomplete="current-password" required /></label>
        <label>{t('newPassword')} <input type="password" name="newPassword" autocomplete="new-password" minlength={10} required /></label>
        <button type="submit">{t('changePassword')}</button>
      </form>
    </Layout>
  );
}
