import type { listDocumentKinds, listDocuments } from '../../src/domain/documents/list-documents.ts';
import { Layout, type LayoutProps } from '../layouts/layout.tsx';
import { FieldError, MoreRow, type FormErrors } from '../partials/master-form.tsx';

type Listed = Awaited<ReturnType<typeof listDocuments>>['documents'];
type Kind = Awaited<ReturnType<typeof listDocumentKinds>>[number];
export type DocumentsFilter = { kind?: string; companyId?: string; from?: string; to?: string };

/** All documents, newest first, each opening the print view. */
export function DocumentsPage(props: Omit<LayoutProps, 'title' | 'children'> & {
  filter: DocumentsFilter; documents: Listed; kinds: Kind[]; companies: { id: number; name: string; code: string }[]; nextUrl: string | null; errors?: FormErrors;
}) {
  const { t, filter, errors } = props;
  const kindName = (k: Kind) => (t.locale === 'pl' ? k.namePl : k.nameEn);
  return (
    <Layout {...props} title={t('documents')}>
      <h1>{t('documents')}</h1>
      <form class="filters" method="get" action="/documents">
        <select name="kind" aria-label={t('kind')}>
          <option value="">{t('kind')}: {t('all')}</option>
          {props.kinds.map((k) => <option value={k.code} selected={filter.kind === k.code}>{kindName(k)}</option>)}
        </select>
        <FieldError errors={errors} name="kindCode" />
        <select name="companyId" aria-label={t('company')}>
          <option value="">{t('company')}: {t('all')}</option>
          {props.companies.map((c) => <option value={String(c.id)} selected={filter.companyId === String(c.id)}>{c.name} ({c.code})</option>)}
        </select>
        <FieldError errors={errors} name="companyId" />
        <label>{t('mdDateFrom')} <input type="date" name="from" value={filter.from ?? ''} /></label>
        <FieldError errors={errors} name="from" />
        <label>{t('mdDateTo')} <input type="date" name="to" value={filter.to ?? ''} /></label>
        <FieldError errors={errors} name="to" />
        <button type="submit">{t('mdFilter')}</button>
      </form>
      <table>
        <thead>
          <tr><th>{t('number')}</th><th>{t('kind')}</th><th>{t('company')}</th><th>{t('issueDate')}</th><th>{t('dueDate')}</th><th>{t('net')}</th><th>{t('gross')}</th><th>{t('mdContact')}</th></tr>
        </thead>
        <tbody>
          {props.documents.length === 0 && <tr><td colspan={8} class="muted">{t('noResults')}</td></tr>}
          {props.documents.map((d) => (
            <tr>
              <td><a href={`/documents/${d.id}`}>{d.number}</a></td>
              <td>{kindName(d.kind)}</td>
              <td><a href={`/companies/${d.company.id}`}>{d.company.name}</a></td>
              <td>{t.date(d.issueDate)}</td>
              <td>{t.date(d.dueDate)}</td>
              <td class="md-num">{t.money(d.netTotal)}</td>
              <td class="md-num">{t.money(d.grossTotal)}</td>
              <td>{d.contact ? <a href={`/contacts/${d.contact.id}`}>{d.contact.number}</a> : t('none')}</td>
            </tr>
          ))}
          <MoreRow t={t} colspan={8} nextUrl={props.nextUrl} />
        </tbody>
      </table>
    </Layout>
  );
}
