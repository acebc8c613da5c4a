-- CreateTable
CREATE TABLE "ParticipationLevel" (
    "partnershipId" UUID NOT NULL,
    "phase" TEXT NOT NULL,
    "level" TEXT NOT NULL,
    CONSTRAINT "ParticipationLevel_pkey" PRIMARY KEY ("partnershipId","phase")
);
-- CreateTable
CREATE TABLE "PartnershipEnding" (
    "partnershipId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "agreementClause" TEXT,
    "surplusHandling" TEXT,
    "surplusSek" DOUBLE PRECISION,
    "surplusNote" TEXT,
    CONSTRAINT "PartnershipEnding_pkey" PRIMARY KEY ("partnershipId")
);
