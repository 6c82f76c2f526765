-- CreateIndex
CREATE INDEX "Contact_updatedAt_idx" ON "Contact"("updatedAt");

-- CreateIndex
CREATE INDEX "Contact_snoozedUntil_idx" ON "Contact"("snoozedUntil");

-- CreateIndex
CREATE INDEX "Item_updatedAt_idx" ON "Item"("updatedAt");

-- CreateIndex
CREATE INDEX "Item_snoozedUntil_idx" ON "Item"("snoozedUntil");
