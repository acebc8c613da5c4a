import type { GlobalTestServices } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const services = (globalThis as unknown as { iopTestServices?: GlobalTestServices }).iopTestServices;
  if (!services) return;
  await services.temporal.teardown();
  await services.postgres.drop();
}
