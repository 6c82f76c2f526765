// Admin-only pages. requireAdmin runs on the server for every request, GET and POST alike.
import { Hono } from 'hono';
import type { Db } from '../../db.ts';
import { listEmployees } from '../../domain/employees/list-employees.ts';
import { handover, previewHandover } from '../../domain/handover/handover.ts';
import { isAppError } from '../../errors.ts';
import { EmployeesPage } from '../../../views/pages/employees.tsx';
import { HandoverPage } from '../../../views/pages/handover.tsx';
import { fieldMessages, formFields, panel } from '../panel-context.ts';
import { requireAdmin, requireSignIn, type PanelEnv } from '../security.ts';

const optionalId = (raw: string | undefined) => (raw && /^\d+$/.test(raw) ? Number(raw) : undefined);

export function adminRoutes(deps: { db: Db }) {
  const app = new Hono<PanelEnv>();
  for (const path of ['/employees', '/handover']) app.use(path, requireSignIn, requireAdmin);

  app.get('/employees', async (c) => c.html(<EmployeesPage {...panel(c).layout} employees={await listEmployees(deps.db, { limit: 500 })} />));

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
