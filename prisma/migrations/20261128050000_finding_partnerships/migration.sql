-- Finding partnerships: the current term's last day and the next planned deadline, denormalised.
ALTER TABLE "Partnership" ADD COLUMN "termEndDate" TEXT;
ALTER TABLE "Partnership" ADD COLUMN "nextDeadlineOn" TEXT;
UPDATE "Partnership" p SET "termEndDate" = t."endDate" FROM "PartnershipTerm" t WHERE t."partnershipId" = p.id AND t.term = p.term;
CREATE INDEX "Partnership_phase_idx" ON "Partnership"("phase");
CREATE INDEX "Partnership_createdAt_id_idx" ON "Partnership"("createdAt", "id");
CREATE INDEX "Partnership_termEndDate_idx" ON "Partnership"("termEndDate");
CREATE INDEX "Partnership_nextDeadlineOn_idx" ON "Partnership"("nextDeadlineOn");
CREATE INDEX "Partnership_caseNumber_idx" ON "Partnership"("caseNumber");
