-- The rate limits' counters, shared by every API process (records/rate-limit-store.ts). Unlogged: a
-- counter lost in a crash only lets a client a few more requests in one minute, and every request
-- writes here, so it skips the write-ahead log.
CREATE UNLOGGED TABLE "RateLimitHit" (
    "key" TEXT NOT NULL,
    "hits" INTEGER NOT NULL,
    "resetAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RateLimitHit_pkey" PRIMARY KEY ("key")
);

CREATE INDEX "RateLimitHit_resetAt_idx" ON "RateLimitHit"("resetAt");
