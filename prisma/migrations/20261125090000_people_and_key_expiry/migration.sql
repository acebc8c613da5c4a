-- A partnership may be registered by a person signed in with a bearer token, not only by an API key.
ALTER TABLE "Partnership" ALTER COLUMN "createdByKeyId" SET DATA TYPE TEXT;

-- A key stops working at this instant; rotation sets it on the old key after a grace period.
ALTER TABLE "ApiKey" ADD COLUMN "expiresAt" TIMESTAMPTZ(3);
