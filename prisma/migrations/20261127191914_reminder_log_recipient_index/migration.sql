-- DropIndex
DROP INDEX "ReminderLog_recipientId_createdAt_idx";
