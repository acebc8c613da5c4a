// The rate limits' counters in PostgreSQL, so that every API process counts against one limit
// (express-rate-limit's Store). One statement a request: a fixed window per key, begun afresh by the
// first hit after the last one ended. Expired counters are pruned with the rest (records/retention.ts).
import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { Database } from '../platform/database';

interface CounterRow {
  hits: number;
  resetAt: Date;
}

const increment = `INSERT INTO "RateLimitHit" (key, hits, "resetAt") VALUES ($1, 1, now() + $2 * interval '1 millisecond')
  ON CONFLICT (key) DO UPDATE SET
    hits = CASE WHEN "RateLimitHit"."resetAt" <= now() THEN 1 ELSE "RateLimitHit".hits + 1 END,
    "resetAt" = CASE WHEN "RateLimitHit"."resetAt" <= now() THEN EXCLUDED."resetAt" ELSE "RateLimitHit"."resetAt" END
  RETURNING hits, "resetAt"`;

export function postgresRateLimitStore(db: Pick<Database, 'pool'>, prefix: string): Store {
  let windowMs = 60_000;
  const key = (given: string) => `${prefix}:${given}`;
  const info = (row: CounterRow | undefined): ClientRateLimitInfo | undefined => row && { totalHits: row.hits, resetTime: row.resetAt };
  return {
    prefix,
    localKeys: false,
    init(options: Options) {
      windowMs = options.windowMs;
    },
    async get(given) {
      const { rows } = await db.pool.query<CounterRow>({ name: 'rate-limit-get', text: `SELECT hits, "resetAt" FROM "RateLimitHit" WHERE key = $1 AND "resetAt" > now()`, values: [key(given)] });
      return info(rows[0]);
    },
    async increment(given) {
      const { rows } = await db.pool.query<CounterRow>({ name: 'rate-limit-increment', text: increment, values: [key(given), windowMs] });
      return info(rows[0])!;
    },
    async decrement(given) {
      await db.pool.query({ name: 'rate-limit-decrement', text: `UPDATE "RateLimitHit" SET hits = greatest(0, hits - 1) WHERE key = $1`, values: [key(given)] });
    },
    async resetKey(given) {
      await db.pool.query({ name: 'rate-limit-reset', text: `DELETE FROM "RateLimitHit" WHERE key = $1`, values: [key(given)] });
    },
  };
}
