import type { TimelineItem } from '../../src/domain/items/list-items.ts';
import type { Translator } from '../i18n/messages.ts';

const PREVIEWABLE = ['image/', 'application/pdf', 'text/plain'];

export function Timeline(props: { t: Translator; contactId: number; items: TimelineItem[]; noteKinds: string[]; error?: string; csrfToken?: string }) {
  const { t } = props;
  return (
    <section id="timeline">
      <h2>{t('timeline')}</h2>
      <form class="card stack" method="post" action={`/contacts/${props.contactId}/notes`} hx-post={`/contacts/${props.contactId}/notes`} hx-target="#timeline" hx-swap="outerHTML">
        {props.error && <p class="error" role="alert">{props.error}</p>}
        <label>
          {t('noteKind')} <input type="text" name="noteKind" list="note-kinds" />
        </label>
        <datalist id="note-kinds">{props.noteKinds.map((k) => <option value={k} />)}</datalist>
        <label>
          {t('noteText')} <textarea name="text" required></textarea>
        </label>
        <label>
          {t('dueTask')} <input type="datetime-local" name="dueAt" />
        </label>
        <button type="submit">{t('addNote')}</button>
      </form>
      <form class="card" method="post" enctype="multipart/form-data" action={`/contacts/${props.contactId}/files?_csrf=${props.csrfToken ?? ''}`}
        hx-post={`/contacts/${props.contactId}/files`} hx-encoding="multipart/form-data" hx-target="#timeline" hx-swap="outerHTML">
        <input type="file" name="files" multiple required aria-label={t('uploadFiles')} /> <button type="submit">{t('uploadFiles')}</button>
      </form>
      <ul class="timeline">
        {props.items.map((item) => (
          <li data-item-id={String(item.id)}>
            <div class="meta">
              {t.dateTime(item.occurredAt)} · {item.noteKind ?? item.type}
              {item.author && ` · ${t('by')} ${item.author.name}`}
              {item.dueAt && ` · ${t('deadline')}: ${t.dateTime(item.dueAt)}${item.doneAt ? ' ✓' : ''}`}
            </div>
            <div>{item.text}</div>
            {item.dueAt && !item.doneAt && (
              <form method="post" action={`/items/${item.id}/done`} hx-post={`/items/${item.id}/done`} hx-target="#timeline" hx-swap="outerHTML">
                <input type="hidden" name="_csrf" value={props.csrfToken ?? ''} />
                <button type="submit" class="link">✓ {t('markDone')}</button>
              </form>
            )}
            {item.document && <div>{item.document.number}</div>}
            {item.versions[0] && (
              <div>
                <a href={`/files/${item.versions[0].id}`} download>{item.versions[0].fileName}</a> (v{item.versions[0].version}, {item.versions[0].storedFile.mimeType})
                {PREVIEWABLE.some((type) => item.versions[0]!.storedFile.mimeType.startsWith(type)) && (
                  <> · <a href={`/files/${item.versions[0].id}?inline=1`} target="_blank" rel="noopener">{t('preview')}</a></>
                )}
                {item.versions.length > 1 && (
                  <div class="muted">
                    {t('olderVersions')}: {item.versions.slice(1).map((v) => <><a href={`/files/${v.id}`} download>v{v.version} {v.fileName}</a>{' '}</>)}
                  </div>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
