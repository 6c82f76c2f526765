import type { listSalesLines } from '../../src/domain/sales-lines/list-sales-lines.ts';
import type { Translator } from '../i18n/messages.ts';

type SalesSubject = Awaited<ReturnType<typeof listSalesLines>>;

export type SalesGridProps = {
  t: Translator;
  contactId: number;
  salesSubject: SalesSubject;
  articles: { id: number; code: string; name: string; unit: string; listNetPrice: string }[];
  paymentForms: { id: number; name: string }[];
  csrfToken?: string;
  /** A refused add or edit: the message, and which line (or "new") it belongs to. */
  error?: { lineId: number | 'new'; text: string };
};

/**
 * The contact's sales subject as an editable grid. Each row's inputs belong to that row's form
 * (form="…" attributes), so a row is one request with or without htmx; every answer is this
 * partial again, with the new totals.
 */
export function SalesGrid(props: SalesGridProps) {
  const { t, contactId, salesSubject } = props;
  const target = { 'hx-target': '#sales-grid', 'hx-swap': 'outerHTML' };
  const csrf = props.csrfToken && <input type="hidden" name="_csrf" value={props.csrfToken} />;
  const paymentSelect = (formId: string, selected: number | null) => (
    <select name="paymentFormId" form={formId} aria-label={t('paymentForm')}>
      <option value="">{t('none')}</option>
      {props.paymentForms.map((pf) => <option value={String(pf.id)} selected={pf.id === selected}>{pf.name}</option>)}
    </select>
  );
  const errorRow = (lineId: number | 'new') =>
    props.error?.lineId === lineId && <tr><td colspan={6} class="error" role="alert">{props.error.text}</td></tr>;
  return (
    <section id="sales-grid">
      <h2>{t('salesSubject')}</h2>
      <table class="sales-grid">
        <thead>
          <tr><th>{t('article')}</th><th>{t('quantity')}</th><th>{t('unitNetPrice')}</th><th>{t('paymentForm')}</th><th>{t('netValue')}</th><th></th></tr>
        </thead>
        <tbody>
          {salesSubject.lines.map((l) => {
            const formId = `sales-line-${l.id}`;
            return (
              <>
                <tr data-line-id={String(l.id)}>
                  <td>{l.article.code} {l.article.name}</td>
                  <td><input type="text" inputmode="decimal" name="quantity" form={formId} value={String(l.quantity)} aria-label={t('quantity')} size={8} /> {l.article.unit}</td>
                  <td><input type="text" inputmode="decimal" name="unitNetPrice" form={formId} value={l.unitNetPrice.toFixed(2)} aria-label={t('unitNetPrice')} size={10} /></td>
                  <td>{paymentSelect(formId, l.paymentFormId)}</td>
                  <td class="money">{t.money(l.netValue)}</td>
                  <td class="actions">
                    <form id={formId} method="post" action={`/sales-lines/${l.id}`} hx-post={`/sales-lines/${l.id}`} {...target}>
                      {csrf}
                      <button type="submit">{t('save')}</button>
                    </form>
                    <form method="post" action={`/sales-lines/${l.id}/delete`} hx-post={`/sales-lines/${l.id}/delete`} {...target}>
                      {csrf}
                      <button type="submit" class="link">{t('removeSalesLine')}</button>
                    </form>
                  </td>
                </tr>
                {errorRow(l.id)}
              </>
            );
          })}
        </tbody>
        <tfoot>
          <tr class="new-line">
            <td>
              <select name="articleId" form="sales-line-new" aria-label={t('article')} required>
                <option value="">{t('chooseArticle')}</option>
                {props.articles.map((a) => <option value={String(a.id)}>{a.code} {a.name} ({t('listPrice')} {t.money(a.listNetPrice)})</option>)}
              </select>
            </td>
            <td><input type="text" inputmode="decimal" name="quantity" form="sales-line-new" value="1" aria-label={t('quantity')} size={8} /></td>
            <td><input type="text" inputmode="decimal" name="unitNetPrice" form="sales-line-new" placeholder={t('listPrice')} aria-label={t('unitNetPrice')} size={10} /></td>
            <td>{paymentSelect('sales-line-new', null)}</td>
            <td></td>
            <td>
              <form id="sales-line-new" method="post" action={`/contacts/${contactId}/sales-lines`} hx-post={`/contacts/${contactId}/sales-lines`} {...target}>
                {csrf}
                <button type="submit">{t('addSalesLine')}</button>
              </form>
            </td>
          </tr>
          {errorRow('new')}
          <tr><th colspan={4}>{t('total')}</th><th class="money" id="sales-net-total">{t.money(salesSubject.netTotal)}</th><th></th></tr>
        </tfoot>
      </table>
    </section>
  );
}
