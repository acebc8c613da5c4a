-- Tasks opened by one step are written in one statement and share their "openedAt": their place in
-- the step's work list keeps them in the order the workflow gave them.
ALTER TABLE "Task" ADD COLUMN "openedPosition" INTEGER NOT NULL DEFAULT 0;

-- Likewise the rows that lists order by the revision that recorded them: one step (an import, say)
-- records several, and their place among its changes keeps the workflow's order.
ALTER TABLE "Party" ADD COLUMN "recordedPosition" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Contribution" ADD COLUMN "recordedPosition" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "LearningGoal" ADD COLUMN "recordedPosition" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Decision" ADD COLUMN "recordedPosition" INTEGER NOT NULL DEFAULT 0;
