// Admin-only pages. requireAdmin runs on the server for every request, GET and POST alike.
import { Hono, type Context } from 'hono';
import type { Db } from '../../db.ts';
import { createEmployee } from '../../domain/employees/create-employee.ts';
import { getEmployeeAccount } from '../../domain/employees/get-employee-account.ts';
import { listEmployees } from '../../domain/employees/list-employees.ts';
import { resetPassword } from '../../domain/employees/reset-password.ts';
import { updateEmployee } from '../../domain/employees/update-employee.ts';
import { handover, previewHandover } from '../../domain/handover/handover.ts';
import { isAppError } from '../../errors.ts';
import { EmployeeFormPage, NEW_EMPLOYEE_VALUES, WEEKDAYS, employeeValues } from '../../../views/pages/employee-form.tsx';
import { EmployeesPage } from '../../../views/pages/employees.tsx';
import type { FormErrors, FormValues } from '../../../views/partials/master-form.tsx';
import { HandoverPage } from '../../../views/pages/handover.tsx';
import { attempt, fieldMessages, formFields, panel, pathId } from '../panel-context.ts';
import { requireAdmin, requireSignIn, type PanelEnv } from '../security.ts';

const optionalId = (raw: string | undefined) => (raw && /^\d+$/.test(raw) ? Number(raw) : undefined);

/** IANA zones the runtime knows, offered as suggestions (the domain validates whatever is typed). */
const TIME_ZONES = Intl.supportedValuesOf('timeZone');

/** The employee form's fields as the domain's input; blank selects leave the domain's default. */
const employeeInput = (f: Record<string, string>) => ({
  name: f.name ?? '', email: f.email ?? '', role: f.role || undefined, active: f.active === 'on', slackUserId: f.slackUserId ?? '',
  locale: f.locale || undefined, timeZone: f.timeZone ?? '', reminderChannel: f.reminderChannel || undefined,
  workingHours: { days: WEEKDAYS.filter((d) => f[`day${d}`] === 'on'), start: f.workStart ?? '', end: f.workEnd ?? '' },
  managerId: f.managerId || null,
});


export function adminRoutes(deps: { db: Db }) {
  const app = new Hono<PanelEnv>();
  for (const path of ['/employees', '/employees/*', '/handover']) app.use(path, requireSignIn, requireAdmin);

  const managers = async () => (await listEmployees(deps.db, { limit: 1000 })).map(({ id, name }) => ({ id, name }));
  const employeeForm = async (c: Context<PanelEnv>, props: { editing?: Awaited<ReturnType<typeof getEmployeeAccount>>; values: FormValues; errors?: FormErrors; passwordErrors?: FormErrors; notice?: string }) =>
    <EmployeeFormPage {...panel(c).layout} managers={await managers()} timeZones={TIME_ZONES} {...props} />;

  app.get('/employees', async (c) => c.html(<EmployeesPage {...panel(c).layout} employees={await listEmployees(deps.db, { limit: 1000 })} />));

  app.get('/employees/new', async (c) => c.html(await employeeForm(c, { values: NEW_EMPLOYEE_VALUES })));

  app.post('/employees', async (c) => {
    const form = await formFields(c);
    const result = await attempt(() => createEmployee(deps.db, panel(c).actor, { ...employeeInput(form), password: form.password || undefined }));
    if ('errors' in result) return c.html(await employeeForm(c, { values: form, errors: result.errors }), 422);
    return c.redirect('/employees', 303);
  });

  app.get('/employees/:id', async (c) => {
    const employee = await getEmployeeAccount(deps.db, pathId(c.req.param('id'), 'employee'));
    return c.html(await employeeForm(c, { editing: employee, values: employeeValues(employee) }));
  });

  app.post('/employees/:id', async (c) => {
    const employee = await getEmployeeAccount(deps.db, pathId(c.req.param('id'), 'employee'));
    const form = await formFields(c);
    const result = await attempt(() => updateEmployee(deps.db, panel(c).actor, { id: employee.id, ...employeeInput(form) }));
    if ('errors' in result) return c.html(await employeeForm(c, { editing: employee, values: form, errors: result.errors }), 422);
    return c.redirect('/employees', 303);
  });

  /** The admin sets or resets a password; the employee's sessions end (see resetPassword). */
  app.post('/employees/:id/password', async (c) => {
    const p = panel(c);
    const employee = await getEmployeeAccount(deps.db, pathId(c.req.param('id'), 'employee'));
    const form = await formFields(c);
    const result = await attempt(() => resetPassword(deps.db, p.actor, { employeeId: employee.id, password: form.password ?? '' }));
    if ('errors' in result) return c.html(await employeeForm(c, { editing: employee, values: employeeValues(employee), passwordErrors: result.errors }), 422);
    const notice = p.t('mdPasswordSet', { sessions: result.saved.endedSessions });
    return c.html(await employeeForm(c, { editing: { ...employee, hasPassword: true }, values: employeeValues(employee), notice }));
  });

  app.get('/handover', async (c) => {
    const from = optionalId(c.req.query('from'));
    const to = optionalId(c.req.query('to'));
    const [employees, preview] = await Promise.all([listEmployees(deps.db, { limit: 500 }), from ? previewHandover(deps.db, from) : undefined]);
    return c.html(<HandoverPage {...panel(c).layout} employees={employees} from={from} to={to} preview={preview} />);
  });

  app.post('/handover', async (c) => {
    const p = panel(c);
    const form = await formFields(c);
    const employees = await listEmployees(deps.db, { limit: 500 });
    try {
      const done = await handover(deps.db, p.actor, { fromEmployeeId: form.from ?? '', toEmployeeId: form.to ?? '' });
      return c.html(<HandoverPage {...p.layout} employees={employees} done={done} />);
    } catch (error) {
      if (!isAppError(error, 'VALIDATION')) throw error;
      return c.html(<HandoverPage {...p.layout} employees={employees} error={fieldMessages(error)} />, 422);
    }
  });

  return app;
}
