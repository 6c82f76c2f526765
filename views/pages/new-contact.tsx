import { Layout, type LayoutProps } from '../layouts/layout.tsx';

type Values = { title?: string; companyId?: string; priority?: string; dueAt?: string; description?: string };

export function NewContactPage(props: Omit<LayoutProps, 'title' | 'children'> & { companies: { id: number; name: string; code: string }[]; values?: Values; errors?: Record<string, string> }) {
  const { t } = props;
  const v = props.values ?? {};
  const err = (field: string) => props.errors?.[field] && <span class="error" role="alert"> {props.errors[field]}</span>;
  return (
    <Layout {...props} title={t('newContact')}>
      <h1>{t('newContact')}</h1>
      <form class="card stack" method="post" action="/contacts">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <label>{t('title')} <input type="text" name="title" value={v.title ?? ''} required />{err('title')}</label>
        <label>
          {t('company')}{' '}
          <select name="companyId" required>
            <option value="">—</option>
            {props.companies.map((c) => <option value={String(c.id)} selected={v.companyId === String(c.id)}>{c.name} ({c.code})</option>)}
          </select>
          {err('companyId')}
        </label>
        <label>
          {t('priority')}{' '}
          <select name="priority">
            {(['normal', 'high', 'low'] as const).map((p) => <option value={p} selected={v.priority === p}>{t(p)}</option>)}
          </select>
        </label>
        <label>{t('deadline')} <input type="datetime-local" name="dueAt" value={v.dueAt ?? ''} />{err('dueAt')}</label>
        <label>{t('description')} <textarea name="description">{v.description ?? ''}</textarea></label>
        <button type="submit">{t('create')}</button>
      </form>
    </Layout>
  );
}
