-- CreateEnum
CREATE TYPE "MailStatus" AS ENUM ('received', 'filed', 'unmatched', 'rejected', 'ignored', 'discarded');

-- CreateTable
CREATE TABLE "MailboxState" (
    "mailbox" TEXT NOT NULL,
    "uidValidity" BIGINT NOT NULL,
    "lastUid" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MailboxState_pkey" PRIMARY KEY ("mailbox")
);

-- CreateTable
CREATE TABLE "MailMessage" (
    "id" SERIAL NOT NULL,
    "mailbox" TEXT NOT NULL,
    "uidValidity" BIGINT,
    "uid" INTEGER,
    "messageId" TEXT,
    "dedupeKey" TEXT NOT NULL,
    "rawFileId" INTEGER NOT NULL,
    "size" INTEGER NOT NULL,
    "fromAddress" CITEXT,
    "fromName" TEXT,
    "toAddresses" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "subject" TEXT,
    "sentAt" TIMESTAMP(3),
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" "MailStatus" NOT NULL DEFAULT 'received',
    "reason" TEXT,
    "trace" JSONB NOT NULL DEFAULT '[]',
    "candidates" JSONB NOT NULL DEFAULT '[]',
    "forwarderId" INTEGER,
    "originalFrom" CITEXT,
    "contactId" INTEGER,
    "itemId" INTEGER,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "processedAt" TIMESTAMP(3),
    "movedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MailMessage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MailMessage_dedupeKey_idx" ON "MailMessage"("dedupeKey");

-- CreateIndex
CREATE INDEX "MailMessage_messageId_idx" ON "MailMessage"("messageId");

-- CreateIndex
CREATE INDEX "MailMessage_status_receivedAt_idx" ON "MailMessage"("status", "receivedAt");

-- CreateIndex
CREATE INDEX "MailMessage_mailbox_movedAt_idx" ON "MailMessage"("mailbox", "movedAt");

-- CreateIndex
CREATE INDEX "MailMessage_contactId_idx" ON "MailMessage"("contactId");

-- CreateIndex
CREATE UNIQUE INDEX "MailMessage_mailbox_uidValidity_uid_key" ON "MailMessage"("mailbox", "uidValidity", "uid");

-- AddForeignKey
ALTER TABLE "MailMessage" ADD CONSTRAINT "MailMessage_rawFileId_fkey" FOREIGN KEY ("rawFileId") REFERENCES "StoredFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MailMessage" ADD CONSTRAINT "MailMessage_forwarderId_fkey" FOREIGN KEY ("forwarderId") REFERENCES "Employee"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MailMessage" ADD CONSTRAINT "MailMessage_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MailMessage" ADD CONSTRAINT "MailMessage_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE SET NULL ON UPDATE CASCADE;
