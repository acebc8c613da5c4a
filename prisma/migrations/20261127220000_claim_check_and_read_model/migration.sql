-- The read model replaces the JSONB copy of the workflow's state; long texts are stored once, by
-- their SHA-256 (the claim check); keyed requests are remembered (Idempotency-Key).
-- AlterTable
ALTER TABLE "Partnership" DROP COLUMN "state",
ADD COLUMN     "beforeFinalReason" TEXT,
ADD COLUMN     "cooperationForm" TEXT,
ADD COLUMN     "cooperationRationale" TEXT,
ADD COLUMN     "implementationStartDate" TEXT,
ADD COLUMN     "phaseEnteredOn" TEXT,
ADD COLUMN     "submittedVersion" INTEGER,
ADD COLUMN     "timingOverrides" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "versionInForce" INTEGER;

-- AlterTable
ALTER TABLE "Party" ADD COLUMN     "contactIds" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "recordedAtRevision" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Contribution" ADD COLUMN     "recordedAtRevision" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "LearningGoal" ADD COLUMN     "recordedAtRevision" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "AgreementVersion" ADD COLUMN     "savedAtRevision" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "LegalReviewAnswer" DROP COLUMN "conclusion",
ADD COLUMN     "recordedAtRevision" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Decision" ADD COLUMN     "appealed" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "supersededAtRevision" INTEGER,
ADD COLUMN     "recordedAtRevision" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "PartnershipEnding" ADD COLUMN     "betterForm" TEXT;

-- CreateTable
CREATE TABLE "LegalReview" (
    "partnershipId" UUID NOT NULL,
    "round" INTEGER NOT NULL,
    "agreementVersion" INTEGER NOT NULL,
    "conclusion" TEXT,
    "note" TEXT,

    CONSTRAINT "LegalReview_pkey" PRIMARY KEY ("partnershipId","round")
);

-- CreateTable
CREATE TABLE "PrincipleAssessment" (
    "partnershipId" UUID NOT NULL,
    "principle" TEXT NOT NULL,
    "assessment" TEXT NOT NULL,
    "recordedAtRevision" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "PrincipleAssessment_pkey" PRIMARY KEY ("partnershipId","principle")
);

-- CreateTable
CREATE TABLE "OutcomeContract" (
    "partnershipId" UUID NOT NULL,
    "investor" TEXT NOT NULL,
    "metrics" JSONB NOT NULL,
    "measurementDate" TEXT NOT NULL,
    "measurements" JSONB NOT NULL,

    CONSTRAINT "OutcomeContract_pkey" PRIMARY KEY ("partnershipId")
);

-- CreateTable
CREATE TABLE "ExternalReference" (
    "partnershipId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "system" TEXT NOT NULL,
    "partyId" TEXT,
    "reference" TEXT NOT NULL,
    "recordedAtRevision" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ExternalReference_pkey" PRIMARY KEY ("partnershipId","key")
);

-- CreateTable
CREATE TABLE "Document" (
    "ref" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Document_pkey" PRIMARY KEY ("ref")
);

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "callerId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "responseStatus" INTEGER,
    "responseBody" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdempotencyRecord_pkey" PRIMARY KEY ("callerId","key")
);

-- CreateIndex
CREATE INDEX "ExternalReference_reference_idx" ON "ExternalReference"("reference");

-- CreateIndex
CREATE INDEX "IdempotencyRecord_createdAt_idx" ON "IdempotencyRecord"("createdAt");

