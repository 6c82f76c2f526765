import type { listArticles } from '../../src/domain/articles/list-articles.ts';
import { VAT_RATES } from '../../src/domain/articles/vat-rates.ts';
import { Layout, type LayoutProps } from '../layouts/layout.tsx';
import { Checkbox, Input, MasterForm, MoreRow, OtherErrors, Select, type FormErrors, type FormValues } from '../partials/master-form.tsx';

type Article = Awaited<ReturnType<typeof listArticles>>[number];

/** Articles; members see the list, only admins get the links to change it. */
export function ArticlesPage(props: Omit<LayoutProps, 'title' | 'children'> & { q?: string; articles: Article[]; canEdit: boolean; nextUrl: string | null }) {
  const { t } = props;
  return (
    <Layout {...props} title={t('articles')}>
      <h1>{t('articles')}</h1>
      {props.canEdit && <p><a class="button" href="/articles/new">{t('mdNewArticle')}</a></p>}
      <form class="filters" method="get" action="/articles">
        <input type="search" name="q" value={props.q ?? ''} placeholder={t('mdArticleSearchPlaceholder')} aria-label={t('search')} />
        <button type="submit">{t('search')}</button>
      </form>
      <table>
        <thead>
          <tr><th>{t('mdCode')}</th><th>{t('mdName')}</th><th>{t('unit')}</th><th>{t('mdListNetPrice')}</th><th>{t('vatRate')}</th><th>{t('active')}</th></tr>
        </thead>
        <tbody>
          {props.articles.length === 0 && <tr><td colspan={6} class="muted">{t('noResults')}</td></tr>}
          {props.articles.map((a) => (
            <tr class={a.active ? '' : 'md-inactive'}>
              <td>{props.canEdit ? <a href={`/articles/${a.id}`}>{a.code}</a> : a.code}</td>
              <td>{a.name}</td><td>{a.unit}</td><td class="md-num">{t.money(a.listNetPrice)}</td><td>{a.vatRate}</td>
              <td>{a.active ? t('yes') : t('no')}</td>
            </tr>
          ))}
          <MoreRow t={t} colspan={6} nextUrl={props.nextUrl} />
        </tbody>
      </table>
    </Layout>
  );
}

export const articleValues = (a: Article): FormValues => ({
  code: a.code, name: a.name, unit: a.unit, listNetPrice: a.listNetPrice, vatRate: a.vatRate, active: a.active ? 'on' : '',
});

export function ArticleFormPage(props: Omit<LayoutProps, 'title' | 'children'> & { article?: { id: number; code: string }; values: FormValues; errors?: FormErrors }) {
  const { t, values: v, errors } = props;
  const title = props.article ? t('mdEditArticle', { code: props.article.code }) : t('mdNewArticle');
  return (
    <Layout {...props} title={title}>
      <h1>{title}</h1>
      <OtherErrors t={t} errors={errors} shown={['code', 'name', 'unit', 'listNetPrice', 'vatRate', 'active']} />
      <MasterForm t={t} action={props.article ? `/articles/${props.article.id}` : '/articles'} csrfToken={props.csrfToken}
        submit={props.article ? t('save') : t('create')} cancelHref="/articles">
        <Input label={t('mdCode')} name="code" values={v} errors={errors} required />
        <Input label={t('mdName')} name="name" values={v} errors={errors} required />
        <Input label={t('unit')} name="unit" values={v} errors={errors} required />
        <Input label={t('mdListNetPrice')} name="listNetPrice" values={v} errors={errors} required attrs={{ inputmode: 'decimal' }} />
        <Select label={t('vatRate')} name="vatRate" values={v} errors={errors} options={VAT_RATES.map((r) => [r, r])} />
        <Checkbox label={t('active')} name="active" checked={v.active === 'on'} errors={errors} />
      </MasterForm>
    </Layout>
  );
}
