import type { TimelineItem } from '../../src/domain/items/list-items.ts';
import type { Translator } from '../i18n/messages.ts';

/** Types the file route shows inline (routes/files.tsx decides; this only offers the link). */
const PREVIEWABLE = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain'];
export const EMAIL_MIME_TYPE = 'message/rfc822';

type Version = TimelineItem['versions'][number];

function VersionLinks(props: { t: Translator; version: Version }) {
  const { t, version: v } = props;
  return (
    <>
      <a href={`/files/${v.id}`} download>{v.fileName}</a> (v{v.version}, {v.storedFile.mimeType}, {t.dateTime(v.createdAt)})
      {PREVIEWABLE.includes(v.storedFile.mimeType) && (
        <> · <a href={`/files/${v.id}?inline=1`} target="_blank" rel="noopener noreferrer">{props.t('preview')}</a></>
      )}
      {v.storedFile.mimeType === EMAIL_MIME_TYPE && (
        <> · <a href={`/emails/${v.id}`} target="_blank" rel="noopener noreferrer">{props.t('previewEmail')}</a></>
      )}
    </>
  );
}

export type TimelineProps = {
  t: Translator;
  contactId: number;
  items: TimelineItem[];
  noteKinds: string[];
  error?: string;
  csrfToken?: string;
  /** Kinds of documents for the "link a document" picker (absent: no picker). */
  documentKinds?: { code: string; namePl: string; nameEn: string }[];
};

export function Timeline(props: TimelineProps) {
  const { t } = props;
  const csrf = <input type="hidden" name="_csrf" value={props.csrfToken ?? ''} />;
  const target = { 'hx-target': '#timeline', 'hx-swap': 'outerHTML' };
  return (
    <section id="timeline">
      <h2>{t('timeline')}</h2>
      {props.error && <p class="error" role="alert">{props.error}</p>}
      <form class="card stack" method="post" action={`/contacts/${props.contactId}/notes`} hx-post={`/contacts/${props.contactId}/notes`} {...target}>
        {csrf}
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
      <div class="card timeline-actions">
        <form method="post" enctype="multipart/form-data" action={`/contacts/${props.contactId}/files?_csrf=${props.csrfToken ?? ''}`}
          hx-post={`/contacts/${props.contactId}/files`} hx-encoding="multipart/form-data" {...target}>
          <input type="file" name="files" multiple required aria-label={t('uploadFiles')} /> <button type="submit">{t('uploadFiles')}</button>
        </form>
        <form method="post" action={`/contacts/${props.contactId}/word-documents`} hx-post={`/contacts/${props.contactId}/word-documents`} {...target}>
          {csrf}
          <button type="submit">{t('newWordDocument')}</button>
        </form>
        {props.documentKinds && (
          <form method="post" action={`/contacts/${props.contactId}/document-links`} hx-post={`/contacts/${props.contactId}/document-links`} {...target}>
            {csrf}
            <select name="kindCode" aria-label={t('chooseDocumentKind')} hx-get={`/contacts/${props.contactId}/document-options`}
              hx-trigger="change" hx-target="#link-document-choice" hx-swap="innerHTML">
              <option value="">{t('chooseDocumentKind')}</option>
              {props.documentKinds.map((k) => <option value={k.code}>{t.locale === 'pl' ? k.namePl : k.nameEn}</option>)}
            </select>
            <span id="link-document-choice"></span>
            <button type="submit">{t('linkDocument')}</button>
          </form>
        )}
      </div>
      <ul class="timeline">
        {props.items.map((item) => (
          <li id={`item-${item.id}`} data-item-id={String(item.id)}>
            <div class="meta">
              {t.dateTime(item.occurredAt)} · {item.noteKind ?? item.type}
              {item.author && ` · ${t('by')} ${item.author.name}`}
              {item.dueAt && ` · ${t('deadline')}: ${t.dateTime(item.dueAt)}${item.doneAt ? ' ✓' : ''}`}
            </div>
            <div>{item.text}</div>
            {item.dueAt && !item.doneAt && (
              <form method="post" action={`/items/${item.id}/done`} hx-post={`/items/${item.id}/done`} {...target}>
                {csrf}
                <button type="submit" class="link">✓ {t('markDone')}</button>
              </form>
            )}
            {item.document && (
              <div><a href={`/documents/${item.document.id}`}>{item.document.number}</a> · {t.money(String(item.document.grossTotal))}</div>
            )}
            {item.versions[0] && (
              <div class="file-item">
                <VersionLinks t={t} version={item.versions[0]} />
                {item.versions.length > 1 && (
                  <details class="versions">
                    <summary>{t('fileVersions')} ({item.versions.length})</summary>
                    <ol reversed>
                      {item.versions.slice(1).map((v) => <li><VersionLinks t={t} version={v} /></li>)}
                    </ol>
                  </details>
                )}
                <form class="upload-version" method="post" enctype="multipart/form-data"
                  action={`/contacts/${props.contactId}/files?item=${item.id}&_csrf=${props.csrfToken ?? ''}`}
                  hx-post={`/contacts/${props.contactId}/files?item=${item.id}`} hx-encoding="multipart/form-data" {...target}>
                  <input type="file" name="file" required aria-label={t('uploadVersion')} /> <button type="submit">{t('uploadVersion')}</button>
                </form>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The document select of "link a document", loaded when a kind is chosen. */
export function CompanyDocumentOptions(props: { t: Translator; documents: { id: number; number: string; issueDate: Date; grossTotal: { toFixed: (n: number) => string } }[]; kindChosen: boolean }) {
  const { t } = props;
  if (!props.kindChosen) return <></>;
  if (props.documents.length === 0) return <span class="muted">{t('noCompanyDocuments')}</span>;
  return (
    <select name="documentId" aria-label={t('chooseDocument')} required>
      {props.documents.map((d) => <option value={String(d.id)}>{d.number} · {t.date(d.issueDate)} · {t.money(d.grossTotal.toFixed(2))}</option>)}
    </select>
  );
}
