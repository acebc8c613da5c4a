CREATE TABLE "Task" (
    "id" TEXT NOT NULL,
    "partnershipId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "partyId" TEXT,
    "waitsOnRole" TEXT,
    "dueOn" TEXT,
    "openedAtRevision" INTEGER NOT NULL,
    "closedAtRevision" INTEGER,
    "openedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Task_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "Task_closedAt_dueOn_idx" ON "Task"("closedAt", "dueOn");
CREATE INDEX "Task_partyId_idx" ON "Task"("partyId");
CREATE INDEX "Task_partnershipId_idx" ON "Task"("partnershipId");
