-- A partnership may be registered by a person signed in with a bearer token, not only by an API key.
ALTER TABLE "Partnership" ALTER COLUMN "createdByKeyId" SET DATA TYPE TEXT;
