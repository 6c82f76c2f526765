import type { previewHandover } from '../../src/domain/handover/handover.ts';
import { Layout, type LayoutProps } from '../layouts/layout.tsx';

type Preview = Awaited<ReturnType<typeof previewHandover>>;

export function HandoverPage(
  props: Omit<LayoutProps, 'title' | 'children'> & {
    employees: { id: number; name: string; active: boolean }[];
    from?: number;
    to?: number;
    preview?: Preview;
    done?: { contacts: number; tasks: number };
    error?: string;
  },
) {
  const { t } = props;
  const successor = props.employees.find((e) => e.id === props.to);
  const select = (name: 'from' | 'to', selected: number | undefined, activeOnly: boolean) => (
    <select name={name} required>
      <option value="">—</option>
      {props.employees.filter((e) => !activeOnly || e.active).map((e) => <option value={String(e.id)} selected={e.id === selected}>{e.name}</option>)}
    </select>
  );
  return (
    <Layout {...props} title={t('handover')}>
      <h1>{t('handover')}</h1>
      {props.done && <p class="notice" role="status">{t('handedOver', props.done)}</p>}
      {props.error && <p class="error" role="alert">{props.error}</p>}
      <form class="card filters" method="get" action="/handover">
        <label>{t('leavingEmployee')} {select('from', props.from, false)}</label>
        <label>{t('successor')} {select('to', props.to, true)}</label>
        <button type="submit">{t('showWhatMoves')}</button>
      </form>
      {props.preview && successor && props.from !== undefined && (
        <section class="card">
          <p>{t('willMove', { contacts: props.preview.contacts.length, tasks: props.preview.tasks.length, name: successor.name })}</p>
          <ul>
            {props.preview.contacts.map((c) => <li><a href={`/contacts/${c.id}`}>{c.number}</a> {c.title}</li>)}
          </ul>
          {props.preview.tasks.length > 0 && <h2>{t('openTasks')}</h2>}
          <ul>
            {props.preview.tasks.map((task) => <li>{task.contact.number}: {task.text} ({t.dateTime(task.dueAt)})</li>)}
          </ul>
          <form method="post" action="/handover">
            <input type="hidden" name="_csrf" value={props.csrfToken} />
            <input type="hidden" name="from" value={String(props.from)} />
            <input type="hidden" name="to" value={String(props.to)} />
            <button type="submit">{t('confirmHandover')}</button>
          </form>
        </section>
      )}
    </Layout>
  );
}
