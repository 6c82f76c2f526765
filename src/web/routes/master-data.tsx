// Companies, people, articles, contact kinds, payment forms and the documents list.
// Members work with companies and people and read documents and articles; everything else
// (and changing articles) is for admins. Checked on the server for every request.
import { Hono, type Context } from 'hono';
import type { Db } from '../../db.ts';
import { createArticle } from '../../domain/articles/create-article.ts';
import { getArticle } from '../../domain/articles/get-article.ts';
import { listArticles } from '../../domain/articles/list-articles.ts';
import { updateArticle } from '../../domain/articles/update-article.ts';
import { createContactKind } from '../../domain/catalog/create-contact-kind.ts';
import { createPaymentForm } from '../../domain/catalog/create-payment-form.ts';
import { getContactKind } from '../../domain/catalog/get-contact-kind.ts';
import { getPaymentForm } from '../../domain/catalog/get-payment-form.ts';
import { listContactKinds } from '../../domain/catalog/list-contact-kinds.ts';
import { listPaymentForms } from '../../domain/catalog/list-payment-forms.ts';
import { updateContactKind } from '../../domain/catalog/update-contact-kind.ts';
import { updatePaymentForm } from '../../domain/catalog/update-payment-form.ts';
import { createCompany } from '../../domain/companies/create-company.ts';
import { getCompany } from '../../domain/companies/get-company.ts';
import { getCompanyOverview } from '../../domain/companies/get-company-overview.ts';
import { listCompanies } from '../../domain/companies/list-companies.ts';
import { updateCompany } from '../../domain/companies/update-company.ts';
import { listDocumentKinds, listDocuments } from '../../domain/documents/list-documents.ts';
import { createPerson } from '../../domain/people/create-person.ts';
import { getPerson } from '../../domain/people/get-person.ts';
import { listPeople } from '../../domain/people/list-people.ts';
import { updatePerson } from '../../domain/people/update-person.ts';
import type { CompanyKind } from '../../generated/prisma/enums.ts';
import { ArticleFormPage, ArticlesPage, articleValues } from '../../../views/pages/articles.tsx';
import { CompaniesPage, CompanyRows, type CompaniesFilter } from '../../../views/pages/companies.tsx';
import { CompanyPage } from '../../../views/pages/company.tsx';
import { CompanyFormPage, companyValues } from '../../../views/pages/company-form.tsx';
import { ContactKindFormPage, ContactKindsPage, contactKindValues } from '../../../views/pages/contact-kinds.tsx';
import { DocumentsPage, type DocumentsFilter } from '../../../views/pages/documents.tsx';
import { PaymentFormFormPage, PaymentFormsPage, paymentFormValues } from '../../../views/pages/payment-forms.tsx';
import { PeoplePage, PeopleRows, type PeopleFilter } from '../../../views/pages/people.tsx';
import { PersonFormPage, personValues } from '../../../views/pages/person-form.tsx';
import { queryString } from '../../../views/partials/master-form.tsx';
import { FieldOptions } from '../../../views/partials/contact-field.tsx';
import { attempt, formFields, panel, pathId } from '../panel-context.ts';
import { requireAdmin, requireSignIn, type PanelEnv } from '../security.ts';

/** Rows per list page. */
const PAGE = 50;


const offsetOf = (raw: string | undefined) => (raw && /^\d{1,6}$/.test(raw) ? Number(raw) : 0);
const checked = (form: Record<string, string>, name: string) => form[name] === 'on';
/** A number field: blank means "not given" (the domain's default or no change); anything else goes to zod as a number. */
const numberField = (raw: string | undefined) => (raw === undefined || raw.trim() === '' ? undefined : Number(raw));
/** Mail domains typed one per line or separated by commas/spaces. */
const listField = (raw: string | undefined) => (raw ?? '').split(/[\s,;]+/).filter(Boolean);
/** Plain htmx swaps (search as you type) get only the rows; boosted and normal requests the page. */
const wantsRows = (c: Context) => Boolean(c.req.header('HX-Request')) && !c.req.header('HX-Boosted');

const companyInput = (f: Record<string, string>) => ({
  name: f.name ?? '', code: f.code ?? '', kind: (f.kind || undefined) as CompanyKind | undefined, nip: f.nip ?? '',
  emailDomains: listField(f.emailDomains), phone: f.phone ?? '', fax: f.fax ?? '', street: f.street ?? '', postalCode: f.postalCode ?? '',
  city: f.city ?? '', country: f.country || undefined, notes: f.notes ?? '', active: checked(f, 'active'),
});

const personInput = (f: Record<string, string>) => ({
  companyId: f.companyId ?? '', name: f.name ?? '', position: f.position ?? '', email: f.email ?? '', phone: f.phone ?? '', active: checked(f, 'active'),
});

const articleInput = (f: Record<string, string>) => ({
  code: f.code ?? '', name: f.name ?? '', unit: f.unit ?? '', listNetPrice: f.listNetPrice ?? '', vatRate: f.vatRate || undefined, active: checked(f, 'active'),
});

export function masterDataRoutes(deps: { db: Db }) {
  const { db } = deps;
  const app = new Hono<PanelEnv>();
  for (const path of ['/companies', '/companies/*', '/people', '/people/*', '/documents', '/articles', '/articles/*']) app.use(path, requireSignIn);
  for (const path of ['/contact-kinds', '/contact-kinds/*', '/payment-forms', '/payment-forms/*']) app.use(path, requireSignIn, requireAdmin);

  /** Company pickers and filters: companies by name (up to 500, what a select can reasonably hold). */
  const companyOptions = async () => (await listCompanies(db, { limit: 500 })).map(({ id, name, code }) => ({ id, name, code }));

  // ——— Companies (members and admins) ———

  app.get('/companies', async (c) => {
    const filter: CompaniesFilter = { q: c.req.query('q') ?? '', kind: c.req.query('kind') ?? '', active: c.req.query('active') ?? '' };
    const offset = offsetOf(c.req.query('offset'));
    const kind = (['client', 'prospect', 'partner', 'competitor', 'supplier'] as const).find((k) => k === filter.kind);
    const active = filter.active === 'yes' ? true : filter.active === 'no' ? false : undefined;
    const rows = await listCompanies(db, { search: filter.q, kind, active, limit: PAGE + 1, offset });
    const nextUrl = rows.length > PAGE ? `/companies${queryString({ ...filter, offset: offset + PAGE })}` : null;
    const companies = rows.slice(0, PAGE);
    const p = panel(c);
    if (wantsRows(c)) return c.html(<CompanyRows t={p.t} companies={companies} nextUrl={nextUrl} />);
    return c.html(<CompaniesPage {...p.layout} filter={filter} companies={companies} nextUrl={nextUrl} />);
  });

  app.get('/companies/new', (c) => c.html(<CompanyFormPage {...panel(c).layout} values={{ kind: 'client', country: 'PL', active: 'on' }} />));

  app.post('/companies', async (c) => {
    const p = panel(c);
    const form = await formFields(c);
    const result = await attempt(() => createCompany(db, p.actor, companyInput(form)));
    if ('errors' in result) return c.html(<CompanyFormPage {...p.layout} values={form} errors={result.errors} />, 422);
    return c.redirect(`/companies/${result.saved.id}`, 303);
  });

  /**
   * Options of a company select, filtered as the employee types (the contacts list filter): up to
   * 50 active companies matching `q` (or `companySearch`), the `selected` one kept, and with `any` an "all" option first.
   */
  app.get('/companies/options', async (c) => {
    const { t } = panel(c);
    const q = c.req.query();
    const companies = await listCompanies(db, { active: true, search: q.q ?? q.companySearch ?? '', limit: 50 });
    const selected = q.selected && /^\d+$/.test(q.selected) && !companies.some((co) => String(co.id) === q.selected)
      ? await getCompany(db, Number(q.selected)).catch(() => null)
      : null;
    const options = [...(selected ? [selected] : []), ...companies].map((co) => ({ value: String(co.id), label: `${co.name} (${co.code})` }));
    if (q.any) options.unshift({ value: '', label: t('listCompanyAny') });
    return c.html(<FieldOptions options={options} value={q.selected ?? ''} />);
  });

  app.get('/companies/:id', async (c) => {
    const overview = await getCompanyOverview(db, pathId(c.req.param('id'), 'company'));
    return c.html(<CompanyPage {...panel(c).layout} overview={overview} now={new Date()} />);
  });

  app.get('/companies/:id/edit', async (c) => {
    const company = await getCompany(db, pathId(c.req.param('id'), 'company'));
    return c.html(<CompanyFormPage {...panel(c).layout} company={company} values={companyValues(company)} />);
  });

  app.post('/companies/:id', async (c) => {
    const p = panel(c);
    const company = await getCompany(db, pathId(c.req.param('id'), 'company'));
    const form = await formFields(c);
    const result = await attempt(() => updateCompany(db, p.actor, { id: company.id, ...companyInput(form) }));
    if ('errors' in result) return c.html(<CompanyFormPage {...p.layout} company={company} values={form} errors={result.errors} />, 422);
    return c.redirect(`/companies/${company.id}`, 303);
  });

  // ——— People (members and admins) ———

  app.get('/people', async (c) => {
    const filter: PeopleFilter = { q: c.req.query('q') ?? '', companyId: c.req.query('companyId') ?? '' };
    const offset = offsetOf(c.req.query('offset'));
    const companyId = /^\d{1,9}$/.test(filter.companyId ?? '') ? Number(filter.companyId) : undefined;
    const rows = await listPeople(db, { search: filter.q, companyId, limit: PAGE + 1, offset });
    const nextUrl = rows.length > PAGE ? `/people${queryString({ ...filter, offset: offset + PAGE })}` : null;
    const people = rows.slice(0, PAGE);
    const p = panel(c);
    if (wantsRows(c)) return c.html(<PeopleRows t={p.t} people={people} nextUrl={nextUrl} />);
    return c.html(<PeoplePage {...p.layout} filter={filter} people={people} companies={await companyOptions()} nextUrl={nextUrl} />);
  });

  app.get('/people/new', async (c) => {
    const values = { companyId: c.req.query('companyId') ?? '', active: 'on' };
    return c.html(<PersonFormPage {...panel(c).layout} companies={await companyOptions()} values={values} />);
  });

  app.post('/people', async (c) => {
    const p = panel(c);
    const form = await formFields(c);
    const result = await attempt(() => createPerson(db, p.actor, personInput(form)));
    if ('errors' in result) return c.html(<PersonFormPage {...p.layout} companies={await companyOptions()} values={form} errors={result.errors} />, 422);
    return c.redirect(`/companies/${result.saved.companyId}`, 303);
  });

  /** A person's page is their form: a person has nothing else to show yet. */
  app.get('/people/:id', async (c) => {
    const person = await getPerson(db, pathId(c.req.param('id'), 'person'));
    return c.html(<PersonFormPage {...panel(c).layout} person={person} companies={await companyOptions()} values={personValues(person)} />);
  });

  app.post('/people/:id', async (c) => {
    const p = panel(c);
    const person = await getPerson(db, pathId(c.req.param('id'), 'person'));
    const form = await formFields(c);
    const result = await attempt(() => updatePerson(db, p.actor, { id: person.id, ...personInput(form) }));
    if ('errors' in result) return c.html(<PersonFormPage {...p.layout} person={person} companies={await companyOptions()} values={form} errors={result.errors} />, 422);
    return c.redirect(`/companies/${result.saved.companyId}`, 303);
  });

  // ——— Documents list (members and admins; each opens the existing print view) ———

  app.get('/documents', async (c) => {
    const filter: DocumentsFilter = { kind: c.req.query('kind') ?? '', companyId: c.req.query('companyId') ?? '', from: c.req.query('from') ?? '', to: c.req.query('to') ?? '' };
    const offset = offsetOf(c.req.query('offset'));
    const p = panel(c);
    const [kinds, companies] = await Promise.all([listDocumentKinds(db), companyOptions()]);
    const result = await attempt(() => listDocuments(db, { kindCode: filter.kind, companyId: filter.companyId, from: filter.from, to: filter.to, limit: PAGE, offset }));
    if ('errors' in result) {
      return c.html(<DocumentsPage {...p.layout} filter={filter} documents={[]} kinds={kinds} companies={companies} nextUrl={null} errors={result.errors} />, 422);
    }
    const nextUrl = result.saved.hasMore ? `/documents${queryString({ ...filter, offset: offset + PAGE })}` : null;
    return c.html(<DocumentsPage {...p.layout} filter={filter} documents={result.saved.documents} kinds={kinds} companies={companies} nextUrl={nextUrl} />);
  });

  // ——— Articles (members read the list; admins change them) ———

  app.get('/articles', async (c) => {
    const q = c.req.query('q') ?? '';
    const offset = offsetOf(c.req.query('offset'));
    const p = panel(c);
    const rows = await listArticles(db, { search: q, limit: PAGE + 1, offset });
    const nextUrl = rows.length > PAGE ? `/articles${queryString({ q, offset: offset + PAGE })}` : null;
    return c.html(<ArticlesPage {...p.layout} q={q} articles={rows.slice(0, PAGE)} canEdit={p.actor.role === 'admin'} nextUrl={nextUrl} />);
  });

  app.get('/articles/new', requireAdmin, (c) => c.html(<ArticleFormPage {...panel(c).layout} values={{ unit: 'szt.', vatRate: '23', active: 'on' }} />));

  app.post('/articles', requireAdmin, async (c) => {
    const p = panel(c);
    const form = await formFields(c);
    const result = await attempt(() => createArticle(db, p.actor, articleInput(form)));
    if ('errors' in result) return c.html(<ArticleFormPage {...p.layout} values={form} errors={result.errors} />, 422);
    return c.redirect('/articles', 303);
  });

  app.get('/articles/:id', requireAdmin, async (c) => {
    const article = await getArticle(db, pathId(c.req.param('id'), 'article'));
    return c.html(<ArticleFormPage {...panel(c).layout} article={article} values={articleValues(article)} />);
  });

  app.post('/articles/:id', requireAdmin, async (c) => {
    const p = panel(c);
    const article = await getArticle(db, pathId(c.req.param('id'), 'article'));
    const form = await formFields(c);
    const result = await attempt(() => updateArticle(db, p.actor, { id: article.id, ...articleInput(form) }));
    if ('errors' in result) return c.html(<ArticleFormPage {...p.layout} article={article} values={form} errors={result.errors} />, 422);
    return c.redirect('/articles', 303);
  });

  // ——— Contact kinds (admins) ———

  app.get('/contact-kinds', async (c) => c.html(<ContactKindsPage {...panel(c).layout} kinds={await listContactKinds(db)} />));

  app.get('/contact-kinds/new', (c) => c.html(<ContactKindFormPage {...panel(c).layout} values={{ defaultProbability: '50', active: 'on' }} />));

  app.post('/contact-kinds', async (c) => {
    const p = panel(c);
    const form = await formFields(c);
    const input = { name: form.name ?? '', defaultProbability: numberField(form.defaultProbability), active: checked(form, 'active') };
    const result = await attempt(() => createContactKind(db, p.actor, input));
    if ('errors' in result) return c.html(<ContactKindFormPage {...p.layout} values={form} errors={result.errors} />, 422);
    return c.redirect('/contact-kinds', 303);
  });

  app.get('/contact-kinds/:id', async (c) => {
    const kind = await getContactKind(db, pathId(c.req.param('id'), 'contact kind'));
    return c.html(<ContactKindFormPage {...panel(c).layout} kind={kind} values={contactKindValues(kind)} />);
  });

  app.post('/contact-kinds/:id', async (c) => {
    const p = panel(c);
    const kind = await getContactKind(db, pathId(c.req.param('id'), 'contact kind'));
    const form = await formFields(c);
    const input = { id: kind.id, name: form.name ?? '', defaultProbability: numberField(form.defaultProbability), active: checked(form, 'active') };
    const result = await attempt(() => updateContactKind(db, p.actor, input));
    if ('errors' in result) return c.html(<ContactKindFormPage {...p.layout} kind={kind} values={form} errors={result.errors} />, 422);
    return c.redirect('/contact-kinds', 303);
  });

  // ——— Payment forms (admins) ———

  app.get('/payment-forms', async (c) => c.html(<PaymentFormsPage {...panel(c).layout} paymentForms={await listPaymentForms(db)} />));

  app.get('/payment-forms/new', (c) => c.html(<PaymentFormFormPage {...panel(c).layout} values={{ days: '0', active: 'on' }} />));

  app.post('/payment-forms', async (c) => {
    const p = panel(c);
    const form = await formFields(c);
    const input = { name: form.name ?? '', days: numberField(form.days), active: checked(form, 'active') };
    const result = await attempt(() => createPaymentForm(db, p.actor, input));
    if ('errors' in result) return c.html(<PaymentFormFormPage {...p.layout} values={form} errors={result.errors} />, 422);
    return c.redirect('/payment-forms', 303);
  });

  app.get('/payment-forms/:id', async (c) => {
    const paymentForm = await getPaymentForm(db, pathId(c.req.param('id'), 'payment form'));
    return c.html(<PaymentFormFormPage {...panel(c).layout} paymentForm={paymentForm} values={paymentFormValues(paymentForm)} />);
  });

  app.post('/payment-forms/:id', async (c) => {
    const p = panel(c);
    const paymentForm = await getPaymentForm(db, pathId(c.req.param('id'), 'payment form'));
    const form = await formFields(c);
    const input = { id: paymentForm.id, name: form.name ?? '', days: numberField(form.days), active: checked(form, 'active') };
    const result = await attempt(() => updatePaymentForm(db, p.actor, input));
    if ('errors' in result) return c.html(<PaymentFormFormPage {...p.layout} paymentForm={paymentForm} values={form} errors={result.errors} />, 422);
    return c.redirect('/payment-forms', 303);
  });

  return app;
}
