-- CreateTable
CREATE TABLE "Deviation" (
    "partnershipId" UUID NOT NULL,
    "deviationId" TEXT NOT NULL,
    "term" INTEGER NOT NULL,
    "raisedOn" TEXT NOT NULL,
    "raisedByPartyId" TEXT,
    "description" TEXT NOT NULL,
    CONSTRAINT "Deviation_pkey" PRIMARY KEY ("partnershipId","deviationId")
);
-- CreateTable
CREATE TABLE "Adjustment" (
    "partnershipId" UUID NOT NULL,
    "adjustmentId" TEXT NOT NULL,
    "term" INTEGER NOT NULL,
    "agreedOn" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "consentingPartyIds" JSONB NOT NULL,
    CONSTRAINT "Adjustment_pkey" PRIMARY KEY ("partnershipId","adjustmentId")
);
-- CreateTable
CREATE TABLE "Renegotiation" (
    "partnershipId" UUID NOT NULL,
    "term" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "consents" JSONB NOT NULL,
    "note" TEXT NOT NULL,
    CONSTRAINT "Renegotiation_pkey" PRIMARY KEY ("partnershipId","term")
);
