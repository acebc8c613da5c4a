-- The partnership's lifecycle, projected from its workflow after every accepted step.
ALTER TABLE "Partnership"
  ADD COLUMN "phase" TEXT NOT NULL DEFAULT 'INITIATION',
  ADD COLUMN "term" INTEGER NOT NULL DEFAULT 1,
  ADD COLUMN "revision" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "state" JSONB,
  ADD COLUMN "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

ALTER TABLE "AuditEvent" ADD COLUMN "revision" INTEGER;

CREATE UNIQUE INDEX "AuditEvent_partnershipId_revision_key" ON "AuditEvent"("partnershipId", "revision");
