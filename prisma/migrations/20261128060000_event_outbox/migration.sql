-- The outbox of partnership events (CloudEvents 1.0), written with each recorded step.
CREATE TABLE "PartnershipEvent" (
    "seq" BIGSERIAL NOT NULL,
    "id" TEXT NOT NULL,
    "txid" BIGINT NOT NULL,
    "partnershipId" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "time" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "data" JSONB NOT NULL,
    CONSTRAINT "PartnershipEvent_pkey" PRIMARY KEY ("seq")
);
CREATE UNIQUE INDEX "PartnershipEvent_id_key" ON "PartnershipEvent"("id");
CREATE INDEX "PartnershipEvent_txid_seq_idx" ON "PartnershipEvent"("txid", "seq");
CREATE INDEX "PartnershipEvent_partnershipId_txid_seq_idx" ON "PartnershipEvent"("partnershipId", "txid", "seq");
