-- DropIndex
DROP INDEX "Contact_kindId_idx";

-- DropIndex
DROP INDEX "Contact_registeredAt_idx";

-- DropIndex
DROP INDEX "Item_dueAt_idx";

-- CreateIndex
CREATE INDEX "Contact_kindId_id_idx" ON "Contact"("kindId", "id");

-- CreateIndex
CREATE INDEX "Contact_registeredAt_ownerId_kindId_idx" ON "Contact"("registeredAt", "ownerId", "kindId");

-- CreateIndex
CREATE INDEX "Contact_status_ownerId_kindId_companyId_expectedCloseAt_due_idx" ON "Contact"("status", "ownerId", "kindId", "companyId", "expectedCloseAt", "dueAt", "probability", "id");

-- CreateIndex
CREATE INDEX "Contact_status_closedAt_outcome_ownerId_kindId_companyId_re_idx" ON "Contact"("status", "closedAt", "outcome", "ownerId", "kindId", "companyId", "registeredAt", "id");

-- CreateIndex
CREATE INDEX "Document_issueDate_idx" ON "Document"("issueDate");

-- CreateIndex
CREATE INDEX "Item_dueAt_assigneeId_doneAt_contactId_idx" ON "Item"("dueAt", "assigneeId", "doneAt", "contactId");

-- CreateIndex
CREATE INDEX "Item_occurredAt_type_dueAt_authorId_noteKind_contactId_idx" ON "Item"("occurredAt", "type", "dueAt", "authorId", "noteKind", "contactId");
