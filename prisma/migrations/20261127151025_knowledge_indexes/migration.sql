-- CreateIndex
CREATE INDEX "Contact_personId_idx" ON "Contact"("personId");

-- CreateIndex
CREATE INDEX "Item_occurredAt_id_idx" ON "Item"("occurredAt" DESC, "id" DESC);
