// A benchmark's settings come from the environment (BENCH_*), each with the default its figures are quoted at.

/** The number in the environment variable `name`, or `fallback` when it is unset or empty. */
export const numberFromEnv = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);

/** The machine's PostgreSQL, where a benchmark makes a database of its own and drops it again. */
export const pgServer = process.env.BENCH_PG_SERVER ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
