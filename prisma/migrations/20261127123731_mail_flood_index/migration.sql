-- CreateIndex
CREATE INDEX "MailMessage_fromAddress_receivedAt_idx" ON "MailMessage"("fromAddress", "receivedAt");
