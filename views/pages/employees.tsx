import type { listEmployees } from '../../src/domain/employees/list-employees.ts';
import { Layout, type LayoutProps } from '../layouts/layout.tsx';

type Employee = Awaited<ReturnType<typeof listEmployees>>[number];

export function EmployeesPage(props: Omit<LayoutProps, 'title' | 'children'> & { employees: Employee[] }) {
  const { t } = props;
  return (
    <Layout {...props} title={t('employees')}>
      <h1>{t('employees')}</h1>
      <table>
        <thead>
          <tr><th>{t('owner')}</th><th>{t('email')}</th><th>{t('role')}</th><th>{t('active')}</th><th>{t('language')}</th><th>Slack</th></tr>
        </thead>
        <tbody>
          {props.employees.map((e) => (
            <tr>
              <td>{e.name}</td><td>{e.email}</td><td>{e.role}</td><td>{e.active ? t('yes') : t('no')}</td><td>{e.locale}</td><td>{e.slackUserId ?? t('none')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
