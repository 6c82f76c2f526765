import { Layout, type LayoutProps } from '../layouts/layout.tsx';

export function ErrorPage(props: Omit<LayoutProps, 'title' | 'children'> & { message: string }) {
  return (
    <Layout {...props} title={props.message}>
      <p class="error" role="alert">{props.message}</p>
      <p><a href="/contacts">← {props.t('contacts')}</a></p>
    </Layout>
  );
}
