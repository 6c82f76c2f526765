import { amountInWords } from '../../src/domain/documents/amount-in-words.ts';
import type { getDocument } from '../../src/domain/documents/get-document.ts';
import { Layout, type LayoutProps } from '../layouts/layout.tsx';

type Document = Awaited<ReturnType<typeof getDocument>>;
export type Seller = { name: string; nip: string; address: string };

/** A sales document laid out like a Polish invoice; prints cleanly (the navigation is hidden). */
export function DocumentPage(props: Omit<LayoutProps, 'title' | 'children'> & { document: Document; seller: Seller; /** "Słownie: …" under the totals (default on). */ amountInWords?: boolean }) {
  const { t, document: d, seller } = props;
  const kindName = t.locale === 'pl' ? d.kind.namePl : d.kind.nameEn;
  const address = [d.company.street, [d.company.postalCode, d.company.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return (
    <Layout {...props} title={d.number}>
      <article class="card document">
        <h1>{kindName} {d.number}</h1>
        <dl class="fields">
          <dt>{t('issueDate')}</dt><dd>{t.date(d.issueDate)}</dd>
          {d.dueDate && <><dt>{t('dueDate')}</dt><dd>{t.date(d.dueDate)}</dd></>}
          {d.paymentForm && <><dt>{t('paymentForm')}</dt><dd>{d.paymentForm.name}</dd></>}
        </dl>
        <div class="parties">
          <section>
            <h2>{t('seller')}</h2>
            <p>{seller.name || t('none')}<br />{seller.address}<br />{seller.nip && `NIP ${seller.nip}`}</p>
          </section>
          <section>
            <h2>{t('buyer')}</h2>
            <p>{d.company.name}<br />{address}<br />{d.company.nip && `NIP ${d.company.nip}`}</p>
          </section>
        </div>
        <table>
          <thead>
            <tr><th>{t('lp')}</th><th>{t('article')}</th><th>{t('quantity')}</th><th>{t('unit')}</th><th>{t('unitNetPrice')}</th><th>{t('net')}</th><th>{t('vatRate')}</th><th>{t('vat')}</th><th>{t('gross')}</th></tr>
          </thead>
          <tbody>
            {d.lines.map((l) => (
              <tr>
                <td>{l.position}</td><td>{l.name}</td><td>{String(l.quantity)}</td><td>{l.unit}</td><td>{t.money(String(l.unitNetPrice))}</td>
                <td>{t.money(String(l.net))}</td><td>{/^\d+$/.test(l.vatRate) ? `${l.vatRate}%` : l.vatRate}</td><td>{t.money(String(l.vat))}</td><td>{t.money(String(l.gross))}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{t('vatSummary')}</h2>
        <table class="vat-summary">
          <thead><tr><th>{t('vatRate')}</th><th>{t('net')}</th><th>{t('vat')}</th><th>{t('gross')}</th></tr></thead>
          <tbody>
            {d.vatSummary.map((r) => (
              <tr><td>{/^\d+$/.test(r.vatRate) ? `${r.vatRate}%` : r.vatRate}</td><td>{t.money(r.net)}</td><td>{t.money(r.vat)}</td><td>{t.money(r.gross)}</td></tr>
            ))}
            <tr><th>{t('total')}</th><th>{t.money(String(d.netTotal))}</th><th>{t.money(String(d.vatTotal))}</th><th>{t.money(String(d.grossTotal))}</th></tr>
          </tbody>
        </table>
        {props.amountInWords !== false && (
          <p class="amount-in-words">{t('amountInWords', { amount: amountInWords(d.grossTotal, t.locale) })}</p>
        )}
      </article>
      <p class="no-print">
        {props.amountInWords !== false
          ? <a href={`/documents/${d.id}?words=0`}>{t('hideAmountInWords')}</a>
          : <a href={`/documents/${d.id}`}>{t('showAmountInWords')}</a>}
      </p>
      {d.contact && <p><a href={`/contacts/${d.contact.id}`}>← {t('backToContact')} {d.contact.number}</a></p>}
    </Layout>
  );
}
