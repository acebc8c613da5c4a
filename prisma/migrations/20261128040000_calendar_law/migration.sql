-- The term agreed in a renegotiation, which starts by itself on its first day.
ALTER TABLE "Renegotiation" ADD COLUMN "nextTerm" JSONB;

-- Who has taken a task on.
ALTER TABLE "Task" ADD COLUMN "assignee" TEXT;
ALTER TABLE "Task" ADD COLUMN "assignedAt" TIMESTAMPTZ(3);
CREATE INDEX "Task_assignee_closedAt_idx" ON "Task"("assignee", "closedAt");

-- Parties that join on a day, for a term, and leave while the others go on.
ALTER TABLE "Party" ADD COLUMN "joinedOn" TEXT;
ALTER TABLE "Party" ADD COLUMN "leftOn" TEXT;
ALTER TABLE "Party" ADD COLUMN "leaveReason" TEXT;

-- Disputes (tvist) between the parties.
CREATE TABLE "Dispute" (
    "partnershipId" UUID NOT NULL,
    "disputeId" TEXT NOT NULL,
    "term" INTEGER NOT NULL,
    "raisedOn" TEXT NOT NULL,
    "raisedByPartyId" TEXT,
    "description" TEXT NOT NULL,
    "agreementClause" TEXT,
    "resolvedOn" TEXT,
    "outcome" TEXT,
    "resolution" TEXT,
    CONSTRAINT "Dispute_pkey" PRIMARY KEY ("partnershipId","disputeId")
);
