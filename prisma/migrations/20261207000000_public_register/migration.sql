-- The public register (api/register/): what it needs that the case records did not hold, and the
-- administrators' exceptions to the publication policy (domain/publication.ts), each audited.

-- The partnership's area of work (verksamhetsområde, domain/areas.ts), for the register's filters.
ALTER TABLE "Partnership" ADD COLUMN "area" TEXT;

-- A public body's code at SCB: a municipality's kommunkod (4 digits) or a region's länskod (2
-- digits); the county (län) is its first two digits.
ALTER TABLE "Organisation" ADD COLUMN "municipalityCode" TEXT;

-- Published before every party's decision is final, by an administrator.
CREATE TABLE "EarlyPublication" (
    "partnershipId" UUID NOT NULL,
    "publishedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EarlyPublication_pkey" PRIMARY KEY ("partnershipId")
);

-- Withheld from the register on a ground of offentlighets- och sekretesslagen: the whole
-- partnership (field 'partnership') or one of its fields.
CREATE TABLE "Withholding" (
    "partnershipId" UUID NOT NULL,
    "field" TEXT NOT NULL,
    "ground" TEXT NOT NULL,
    "withheldAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Withholding_pkey" PRIMARY KEY ("partnershipId", "field")
);

-- The register lists by the newest change first and filters by area.
CREATE INDEX "Partnership_area_idx" ON "Partnership"("area");
CREATE INDEX "Partnership_updatedAt_id_idx" ON "Partnership"("updatedAt", "id");
