import type { BulkChange, BulkPreviewRow, BulkUpdateResult } from '../../src/domain/contacts/bulk-update-contacts.ts';
import { Layout, type LayoutProps } from '../layouts/layout.tsx';
import type { Translator } from '../i18n/messages.ts';

const backUrl = (back: string) => (back ? `/contacts?${back}` : '/contacts');

function sentence(t: Translator, change: BulkChange, count: number, ownerName: string | null) {
  if (change.action === 'reassign') return t('bulkWillReassign', { count, name: ownerName ?? '' });
  if (change.action === 'close') return t('bulkWillClose', { count });
  return t('bulkWillChangePriority', { count, priority: t(change.priority) });
}

/** The confirmation step: exactly which contacts change and how; confirming posts the same selection with versions. */
export function BulkConfirmPage(
  props: Omit<LayoutProps, 'title' | 'children'> & { change: BulkChange; ownerName: string | null; contacts: BulkPreviewRow[]; back: string },
) {
  const { t, change } = props;
  const changing = props.contacts.filter((c) => !c.refusal && !c.unchanged);
  const others = props.contacts.filter((c) => c.refusal || c.unchanged);
  return (
    <Layout {...props} title={t('bulkConfirmTitle')}>
      <h1>{t('bulkConfirmTitle')}</h1>
      <section class="card">
        <p class="bulk-summary">{sentence(t, change, changing.length, props.ownerName)}</p>
        <ul class="bulk-contacts">
          {changing.map((c) => <li><a href={`/contacts/${c.id}`}>{c.number}</a> {c.title}</li>)}
        </ul>
        {others.length > 0 && (
          <ul class="bulk-others">
            {others.map((c) => <li>{c.number}: {c.refusal ? t('bulkWillBeRefused', { reason: c.refusal }) : t('bulkAlreadySo')}</li>)}
          </ul>
        )}
        <form method="post" action="/contacts/bulk/apply">
          <input type="hidden" name="_csrf" value={props.csrfToken} />
          <input type="hidden" name="back" value={props.back} />
          <input type="hidden" name="action" value={change.action} />
          {change.action === 'reassign' && <input type="hidden" name="ownerId" value={String(change.ownerId)} />}
          {change.action === 'priority' && <input type="hidden" name="priority" value={change.priority} />}
          {change.action === 'close' && <input type="hidden" name="outcome" value={change.outcome ?? ''} />}
          {/* id:version — a contact changed since this page was shown is refused, not overwritten. */}
          {changing.map((c) => <input type="hidden" name="contact" value={`${c.id}:${c.version}`} />)}
          <button type="submit" disabled={changing.length === 0}>{t('bulkConfirm')}</button>
          <a href={backUrl(props.back)}>{t('cancel')}</a>
        </form>
      </section>
    </Layout>
  );
}

export function BulkDonePage(props: Omit<LayoutProps, 'title' | 'children'> & { result: BulkUpdateResult; back: string }) {
  const { t, result } = props;
  return (
    <Layout {...props} title={t('bulkDoneTitle')}>
      <h1>{t('bulkDoneTitle')}</h1>
      <section class="card">
        <p class="notice" role="status">{t('bulkDone', { count: result.done.length })}</p>
        {result.done.length > 0 && <p class="bulk-done">{result.done.map((c) => c.number).join(', ')}</p>}
        {result.unchanged.length > 0 && <p>{t('bulkUnchanged', { count: result.unchanged.length })} {result.unchanged.map((c) => c.number).join(', ')}</p>}
        {result.refused.length > 0 && (
          <>
            <p class="error" role="alert">{t('bulkRefused', { count: result.refused.length })}</p>
            <ul class="bulk-refused">
              {result.refused.map((r) => <li>{r.number}: {r.reason}</li>)}
            </ul>
          </>
        )}
        <p><a href={backUrl(props.back)}>{t('bulkBackToList')}</a></p>
      </section>
    </Layout>
  );
}

export function BulkErrorPage(props: Omit<LayoutProps, 'title' | 'children'> & { message: string; back: string }) {
  const { t } = props;
  return (
    <Layout {...props} title={t('bulkConfirmTitle')}>
      <h1>{t('bulkConfirmTitle')}</h1>
      <p class="error" role="alert">{props.message}</p>
      <p><a href={backUrl(props.back)}>{t('bulkBackToList')}</a></p>
    </Layout>
  );
}
