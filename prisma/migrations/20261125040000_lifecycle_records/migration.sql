-- CreateTable
CREATE TABLE "Party" (
    "partnershipId" UUID NOT NULL,
    "partyId" TEXT NOT NULL,
    "organisationId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "joinedInTerm" INTEGER NOT NULL,
    CONSTRAINT "Party_pkey" PRIMARY KEY ("partnershipId","partyId")
);
-- CreateTable
CREATE TABLE "Contribution" (
    "partnershipId" UUID NOT NULL,
    "contributionId" TEXT NOT NULL,
    "partyId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "valueSek" DOUBLE PRECISION,
    CONSTRAINT "Contribution_pkey" PRIMARY KEY ("partnershipId","contributionId")
);
-- CreateTable
CREATE TABLE "LearningGoal" (
    "partnershipId" UUID NOT NULL,
    "learningGoalId" TEXT NOT NULL,
    "partyId" TEXT,
    "description" TEXT NOT NULL,
    CONSTRAINT "LearningGoal_pkey" PRIMARY KEY ("partnershipId","learningGoalId")
);
-- CreateTable
CREATE TABLE "AgreementVersion" (
    "partnershipId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "sections" JSONB NOT NULL,
    "locked" BOOLEAN NOT NULL,
    CONSTRAINT "AgreementVersion_pkey" PRIMARY KEY ("partnershipId","version")
);
-- CreateTable
CREATE TABLE "LegalReviewAnswer" (
    "partnershipId" UUID NOT NULL,
    "round" INTEGER NOT NULL,
    "item" TEXT NOT NULL,
    "agreementVersion" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "reviewerKeyId" TEXT,
    "note" TEXT NOT NULL,
    "publicContractCriteria" JSONB,
    "conclusion" TEXT,
    CONSTRAINT "LegalReviewAnswer_pkey" PRIMARY KEY ("partnershipId","round","item")
);
-- CreateTable
CREATE TABLE "Decision" (
    "partnershipId" UUID NOT NULL,
    "partyId" TEXT NOT NULL,
    "term" INTEGER NOT NULL,
    "agreementVersion" INTEGER NOT NULL,
    "outcome" TEXT NOT NULL,
    "decidingBody" TEXT NOT NULL,
    "decidingBodyKind" TEXT NOT NULL,
    "meetingDate" TEXT NOT NULL,
    "paragraph" TEXT,
    "minutesReference" TEXT,
    "approvalDate" TEXT,
    "postingDate" TEXT,
    "appealWindowEnds" TEXT,
    "final" BOOLEAN NOT NULL,
    CONSTRAINT "Decision_pkey" PRIMARY KEY ("partnershipId","partyId","term","agreementVersion")
);
-- CreateTable
CREATE TABLE "FollowUp" (
    "partnershipId" UUID NOT NULL,
    "followUpId" TEXT NOT NULL,
    "term" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "participantPartyIds" JSONB NOT NULL,
    "keyFigures" JSONB NOT NULL,
    CONSTRAINT "FollowUp_pkey" PRIMARY KEY ("partnershipId","followUpId")
);
-- CreateTable
CREATE TABLE "Evaluation" (
    "partnershipId" UUID NOT NULL,
    "evaluationId" TEXT NOT NULL,
    "term" INTEGER NOT NULL,
    "recordedOn" TEXT,
    "learningGoalAssessments" JSONB NOT NULL,
    "conflictsToPrevent" TEXT,
    CONSTRAINT "Evaluation_pkey" PRIMARY KEY ("partnershipId","evaluationId")
);
-- CreateTable
CREATE TABLE "PartnershipTerm" (
    "partnershipId" UUID NOT NULL,
    "term" INTEGER NOT NULL,
    "startDate" TEXT NOT NULL,
    "endDate" TEXT NOT NULL,
    CONSTRAINT "PartnershipTerm_pkey" PRIMARY KEY ("partnershipId","term")
);
-- CreateIndex
CREATE INDEX "Party_organisationId_idx" ON "Party"("organisationId");
