-- DropForeignKey
ALTER TABLE "ReminderLog" DROP CONSTRAINT "ReminderLog_contactId_fkey";

-- DropForeignKey
ALTER TABLE "ReminderLog" DROP CONSTRAINT "ReminderLog_itemId_fkey";

-- DropForeignKey
ALTER TABLE "ReminderLog" DROP CONSTRAINT "ReminderLog_recipientId_fkey";

-- Planned rows have no message yet and most have no task: those indexes only need the rows that
-- do (Prisma's schema cannot say so; the drift test knows these two).
DROP INDEX "ReminderLog_messageRef_idx";
CREATE INDEX "ReminderLog_messageRef_idx" ON "ReminderLog"("messageRef") WHERE "messageRef" IS NOT NULL;
DROP INDEX "ReminderLog_itemId_idx";
CREATE INDEX "ReminderLog_itemId_idx" ON "ReminderLog"("itemId") WHERE "itemId" IS NOT NULL;

-- What ON DELETE CASCADE did: a deleted contact, task or employee takes its reminder rows along,
-- once per statement (the rows deleted are in the transition table "gone").
CREATE FUNCTION kontakt_reminder_log_cascade() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'Contact' THEN
    DELETE FROM "ReminderLog" WHERE "contactId" IN (SELECT id FROM gone);
  ELSIF TG_TABLE_NAME = 'Item' THEN
    DELETE FROM "ReminderLog" WHERE "itemId" IN (SELECT id FROM gone);
  ELSE
    DELETE FROM "ReminderLog" WHERE "recipientId" IN (SELECT id FROM gone);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER kontakt_reminder_log_cascade AFTER DELETE ON "Contact" REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION kontakt_reminder_log_cascade();
CREATE TRIGGER kontakt_reminder_log_cascade AFTER DELETE ON "Item" REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION kontakt_reminder_log_cascade();
CREATE TRIGGER kontakt_reminder_log_cascade AFTER DELETE ON "Employee" REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION kontakt_reminder_log_cascade();
