// Writes the team, the catalog, the companies with their people and the price list through the
// domain functions, and returns the ids the contacts refer to.
import type { Tx } from '../../src/db.ts';
import { createArticle } from '../../src/domain/articles/create-article.ts';
import { createContactKind } from '../../src/domain/catalog/create-contact-kind.ts';
import { createPaymentForm } from '../../src/domain/catalog/create-payment-form.ts';
import { createCompany } from '../../src/domain/companies/create-company.ts';
import { createAdmin } from '../../src/domain/employees/create-admin.ts';
import { createEmployee } from '../../src/domain/employees/create-employee.ts';
import { updateEmployee } from '../../src/domain/employees/update-employee.ts';
import { createPerson } from '../../src/domain/people/create-person.ts';
import { systemActor, type Actor } from '../../src/domain/shared/actor.ts';
import type { Role } from '../../src/generated/prisma/enums.ts';
import { ARTICLES } from './data/articles.ts';
import { CONTACT_KINDS, PAYMENT_FORMS } from './data/catalog.ts';
import { DEMO_ADMIN, DEMO_MEMBERS, type EmployeeKey } from './data/employees.ts';
import type { PlannedCompany } from './plan-master-data.ts';

export type DemoRefs = {
  employees: Record<EmployeeKey, { id: number; role: Role }>;
  /** By company code: the company's id and its people's ids in planned order. */
  companies: Map<string, { id: number; people: number[] }>;
  kinds: Map<string, number>;
  paymentForms: Map<string, number>;
  articles: Map<string, number>;
};

export async function loadMasterData(tx: Tx, companies: PlannedCompany[]): Promise<DemoRefs> {
  const employees = await loadTeam(tx);
  // The administrator set the system up through the panel.
  const admin: Actor = { employeeId: employees.admin.id, role: 'admin', channel: 'panel' };

  const kinds = new Map<string, number>();
  for (const kind of CONTACT_KINDS) kinds.set(kind.name, (await createContactKind(tx, admin, kind)).id);
  const paymentForms = new Map<string, number>();
  for (const form of PAYMENT_FORMS) paymentForms.set(form.name, (await createPaymentForm(tx, admin, form)).id);

  const companyRefs = new Map<string, { id: number; people: number[] }>();
  for (const c of companies) {
    const company = await createCompany(tx, admin, {
      name: c.name, code: c.code, kind: c.kind, nip: c.nip, emailDomains: c.domains, phone: c.phone, fax: c.fax,
      street: c.street, postalCode: c.postalCode, city: c.city, notes: c.notes ?? '',
    });
    const people: number[] = [];
    for (const p of c.people) people.push((await createPerson(tx, admin, { companyId: company.id, ...p })).id);
    companyRefs.set(c.code, { id: company.id, people });
  }

  const articles = new Map<string, number>();
  for (const a of ARTICLES) {
    const article = await createArticle(tx, admin, { code: a.code, name: a.name, unit: a.unit, listNetPrice: a.price, vatRate: a.vat ?? '23' });
    articles.set(a.code, article.id);
  }
  return { employees, companies: companyRefs, kinds, paymentForms, articles };
}

/** The administrator (the only one with a password), then the sales manager, then the people reporting to him. */
async function loadTeam(tx: Tx): Promise<DemoRefs['employees']> {
  const created = await createAdmin(tx, { name: DEMO_ADMIN.name, email: DEMO_ADMIN.email, password: DEMO_ADMIN.password });
  await updateEmployee(tx, systemActor(), { id: created.id, slackUserId: DEMO_ADMIN.slackUserId });
  const admin: Actor = { employeeId: created.id, role: 'admin', channel: 'panel' };
  const employees = { admin: { id: created.id, role: 'admin' } } as DemoRefs['employees'];
  for (const { key, reportsTo, ...member } of DEMO_MEMBERS) {
    const managerId = reportsTo ? employees[reportsTo].id : null;
    const employee = await createEmployee(tx, admin, { ...member, role: 'member', managerId });
    employees[key] = { id: employee.id, role: employee.role };
  }
  return employees;
}
