// `/contact forecast` and `/contact activity`: the dashboards' figures as an ephemeral summary in
// the asker's language, with expected figures computed here from the seeded rows.
import { describe, expect, it } from 'vitest';
import { createContact } from '../../src/domain/contacts/create-contact.ts';
import { addNote } from '../../src/domain/items/add-note.ts';
import { addSalesLine } from '../../src/domain/sales-lines/add-sales-line.ts';
import { actorFor, makeArticle, makeCompany } from '../factories/index.ts';
import { useTestDb } from '../helpers/db.ts';
import { useSlack } from '../helpers/slack.ts';

const t = useTestDb();
const s = useSlack(t);

const pln = (locale: 'pl-PL' | 'en-GB', value: number) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'PLN' }).format(value);
const replyText = (res: { replies: () => Record<string, any>[] }) => {
  const replies = res.replies();
  expect(replies).toHaveLength(1);
  return String(replies[0]!.text);
};

describe('/contact forecast', () => {
  it('sums the open contacts (value and value weighted by probability) with a link to the dashboard', async () => {
    const en = await s.user({ locale: 'en' });
    const pl = await s.user({ locale: 'pl' });
    const actor = actorFor(en, 'slack');
    const company = await makeCompany(t.db);
    const article = await makeArticle(t.db);
    // 2 × 1,000.00 at 50 % and 3 × 333.33 at 20 %: 2,999.99 in all, weighted 1,000.00 + 200.00 (199.998 rounded).
    const a = await createContact(t.db, actor, { companyId: company.id, title: 'Duża oferta', probability: 50 });
    const b = await createContact(t.db, actor, { companyId: company.id, title: 'Mała oferta', probability: 20 });
    await addSalesLine(t.db, actor, { contactId: a.id, articleId: article.id, quantity: '2', unitNetPrice: '1000.00' });
    await addSalesLine(t.db, actor, { contactId: b.id, articleId: article.id, quantity: '3', unitNetPrice: '333.33' });

    const english = replyText(await s.command('forecast', en));
    expect(english).toContain(`All open: 2 contacts, ${pln('en-GB', 2999.99)} (weighted ${pln('en-GB', 1200)})`);
    expect(english).toContain('No date: 2');
    expect(english).toContain('<http://localhost:3000/forecast|');
    const polish = replyText(await s.command('prognoza', pl));
    expect(polish).toContain(`Wszystkie otwarte: 2 kontaktów, ${pln('pl-PL', 2999.99)} (ważona ${pln('pl-PL', 1200)})`);
  });
});

describe('/contact activity', () => {
  it("counts this week's notes by kind against last week's, for the asker or a named colleague", async () => {
    const en = await s.user({ locale: 'en' });
    const colleague = await s.user({ locale: 'pl', name: `Anna Kowalska ${Date.now()}` });
    const company = await makeCompany(t.db);
    const contact = await createContact(t.db, actorFor(en, 'slack'), { companyId: company.id, title: 'Aktywność' });
    const now = Date.now();
    const lastWeek = new Date(now - 7 * 86_400_000);
    await addNote(t.db, actorFor(en, 'slack'), { contactId: contact.id, text: 'one', noteKind: 'phone', occurredAt: new Date(now - 60_000) });
    await addNote(t.db, actorFor(en, 'slack'), { contactId: contact.id, text: 'two', noteKind: 'phone', occurredAt: new Date(now - 120_000) });
    await addNote(t.db, actorFor(en, 'slack'), { contactId: contact.id, text: 'three', noteKind: 'meeting', occurredAt: lastWeek });
    await addNote(t.db, actorFor(colleague, 'slack'), { contactId: contact.id, text: 'hers', noteKind: 'telefon', occurredAt: new Date(now - 60_000) });

    const mine = replyText(await s.command('activity', en));
    expect(mine).toContain('Notes: 2 (1)');
    expect(mine).toContain('phone: 2 (0)');
    expect(mine).toContain('meeting: 0 (1)');
    expect(mine).toContain(`employee=${en.id}`);

    const hers = replyText(await s.command(`aktywność <@${colleague.slackUserId}|anna> tydzień`, en));
    expect(hers).toContain(`Activity of ${colleague.name}`);
    expect(hers).toContain('Notes: 1 (0)');
    expect(hers).toContain('telefon: 1 (0)');

    const monthly = replyText(await s.command('activity month', en));
    expect(monthly).toContain('bucket=month');
  });
});
