-- The term agreed in a renegotiation, which starts by itself on its first day.
ALTER TABLE "Renegotiation" ADD COLUMN "nextTerm" JSONB;

-- Who has taken a task on.
ALTER TABLE "Task" ADD COLUMN "assignee" TEXT;
ALTER TABLE "Task" ADD COLUMN "assignedAt" TIMESTAMPTZ(3);
CREATE INDEX "Task_assignee_closedAt_idx" ON "Task"("assignee", "closedAt");
