import type { listEmployees } from '../../src/domain/employees/list-employees.ts';
import { Layout, type LayoutProps } from '../layouts/layout.tsx';

type Employee = Awaited<ReturnType<typeof listEmployees>>[number];

export function EmployeesPage(props: Omit<LayoutProps, 'title' | 'children'> & { employees: Employee[] }) {
  const { t } = props;
  const names = new Map(props.employees.map((e) => [e.id, e.name]));
  return (
    <Layout {...props} title={t('employees')}>
      <h1>{t('employees')}</h1>
      <p><a class="button" href="/employees/new">{t('mdNewEmployee')}</a></p>
      <table>
        <thead>
          <tr><th>{t('mdName')}</th><th>{t('email')}</th><th>{t('role')}</th><th>{t('active')}</th><th>{t('language')}</th><th>{t('mdManager')}</th><th>Slack</th></tr>
        </thead>
        <tbody>
          {props.employees.map((e) => (
            <tr class={e.active ? '' : 'md-inactive'}>
              <td><a href={`/employees/${e.id}`}>{e.name}</a></td><td>{e.email}</td><td>{e.role === 'admin' ? t('mdRoleAdmin') : t('mdRoleMember')}</td>
              <td>{e.active ? t('yes') : t('no')}</td><td>{e.locale}</td>
              <td>{e.managerId ? names.get(e.managerId) ?? `#${e.managerId}` : t('none')}</td><td>{e.slackUserId ?? t('none')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
