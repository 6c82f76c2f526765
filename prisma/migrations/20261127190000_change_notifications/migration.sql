-- Change notifications: every committed write to the data the panel shows sends one NOTIFY on
-- channel kontakt_change (deduplicated per transaction, delivered only after COMMIT, never on
-- ROLLBACK). Web processes LISTEN and drop their cached pages and sessions
-- (src/db/change-feed.ts). Statement-level triggers: one call per statement, not per row.
-- Session only notifies on DELETE (sign-out, expiry): its once-a-minute lastSeenAt touch must not
-- empty every cache. A new table needs its own trigger (test/change-feed.test.ts checks).
CREATE FUNCTION kontakt_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('kontakt_change', '');
  RETURN NULL;
END
$$;

CREATE TRIGGER kontakt_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Employee" FOR EACH STATEMENT EXECUTE FUNCTION kontakt_notify_change();
CREATE TRIGGER kontakt_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Company" FOR EACH STATEMENT EXECUTE FUNCTION kontakt_notify_change();
CREATE TRIGGER kontakt_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Person" FOR EACH STATEMENT EXECUTE FUNCTION kontakt_notify_change();
CREATE TRIGGER kontakt_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ContactKind" FOR EACH STATEMENT EXECUTE FUNCTION kontakt_notify_change();
CREATE TRIGGER kontakt_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Contact" FOR EACH STATEMENT EXECUTE FUNCTION kontakt_notify_change();
CREATE TRIGGER kontakt_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "PaymentForm" FOR EACH STATEMENT EXECUTE FUNCTION kontakt_notify_change();
CREATE TRIGGER kontakt_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Article" FOR EACH STATEMENT EXECUTE FUNCTION kontakt_notify_change();
CREATE TRIGGER kontakt_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "SalesLine" FOR EACH STATEMENT EXECUTE FUNCTION kontakt_notify_change();
CREATE TRIGGER kontakt_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "DocumentKind" FOR EACH STATEMENT EXECUTE FUNCTION kontakt_notify_change();
CREATE TRIGGER kontakt_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Document" FOR EACH STATEMENT EXECUTE FUNCTION kontakt_notify_change();
CREATE TRIGGER kontakt_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "DocumentLine" FOR EACH STATEMENT EXECUTE FUNCTION kontakt_notify_change();
CREATE TRIGGER kontakt_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Item" FOR EACH STATEMENT EXECUTE FUNCTION kontakt_notify_change();
CREATE TRIGGER kontakt_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "MailboxState" FOR EACH STATEMENT EXECUTE FUNCTION kontakt_notify_change();
CREATE TRIGGER kontakt_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "MailMessage" FOR EACH STATEMENT EXECUTE FUNCTION kontakt_notify_change();
CREATE TRIGGER kontakt_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "NoteKind" FOR EACH STATEMENT EXECUTE FUNCTION kontakt_notify_change();
CREATE TRIGGER kontakt_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "StoredFile" FOR EACH STATEMENT EXECUTE FUNCTION kontakt_notify_change();
CREATE TRIGGER kontakt_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "FileVersion" FOR EACH STATEMENT EXECUTE FUNCTION kontakt_notify_change();
CREATE TRIGGER kontakt_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "HistoryEntry" FOR EACH STATEMENT EXECUTE FUNCTION kontakt_notify_change();
CREATE TRIGGER kontakt_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "NumberSequence" FOR EACH STATEMENT EXECUTE FUNCTION kontakt_notify_change();
CREATE TRIGGER kontakt_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ApiToken" FOR EACH STATEMENT EXECUTE FUNCTION kontakt_notify_change();
CREATE TRIGGER kontakt_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Setting" FOR EACH STATEMENT EXECUTE FUNCTION kontakt_notify_change();
CREATE TRIGGER kontakt_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ReminderLog" FOR EACH STATEMENT EXECUTE FUNCTION kontakt_notify_change();
CREATE TRIGGER kontakt_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ReminderScanState" FOR EACH STATEMENT EXECUTE FUNCTION kontakt_notify_change();
CREATE TRIGGER kontakt_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "SearchWord" FOR EACH STATEMENT EXECUTE FUNCTION kontakt_notify_change();
CREATE TRIGGER kontakt_change AFTER DELETE OR TRUNCATE ON "Session" FOR EACH STATEMENT EXECUTE FUNCTION kontakt_notify_change();
