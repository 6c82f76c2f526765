-- CreateEnum
CREATE TYPE "ReminderRule" AS ENUM ('due_soon', 'overdue', 'escalation', 'digest', 'snooze_ended');

-- CreateEnum
CREATE TYPE "ReminderStatus" AS ENUM ('planned', 'sending', 'sent', 'cancelled', 'failed');

-- AlterTable
ALTER TABLE "Employee" ADD COLUMN     "reminderRules" JSONB;

-- AlterTable
ALTER TABLE "ContactKind" ADD COLUMN     "reminderRules" JSONB;

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ReminderLog" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "rule" "ReminderRule" NOT NULL,
    "contactId" INTEGER,
    "itemId" INTEGER,
    "recipientId" INTEGER NOT NULL,
    "deadline" TIMESTAMP(3),
    "occurrence" TEXT NOT NULL,
    "deliverAt" TIMESTAMP(3) NOT NULL,
    "status" "ReminderStatus" NOT NULL DEFAULT 'planned',
    "channel" TEXT,
    "messageRef" TEXT,
    "reason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "ReminderLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReminderScanState" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "scannedUntil" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReminderScanState_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReminderLog_key_key" ON "ReminderLog"("key");

-- CreateIndex
CREATE INDEX "ReminderLog_status_deliverAt_idx" ON "ReminderLog"("status", "deliverAt");

-- CreateIndex
CREATE INDEX "ReminderLog_contactId_idx" ON "ReminderLog"("contactId");

-- CreateIndex
CREATE INDEX "ReminderLog_itemId_idx" ON "ReminderLog"("itemId");

-- CreateIndex
CREATE INDEX "ReminderLog_recipientId_createdAt_idx" ON "ReminderLog"("recipientId", "createdAt");

-- CreateIndex
CREATE INDEX "ReminderLog_messageRef_idx" ON "ReminderLog"("messageRef");

-- AddForeignKey
ALTER TABLE "ReminderLog" ADD CONSTRAINT "ReminderLog_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReminderLog" ADD CONSTRAINT "ReminderLog_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReminderLog" ADD CONSTRAINT "ReminderLog_recipientId_fkey" FOREIGN KEY ("recipientId") REFERENCES "Employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;
