import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowBundlerOptions, workflowsPath } from '../../worker/workflow-bundle';
import { temporalCliPath } from '../../platform/temporal-binaries';
import { createTestDatabase, migrateDatabase, type TestPostgres } from './postgres';
import { testRunDir, testRunFile, type TestRun } from './run-config';

export interface GlobalTestServices {
  postgres: TestPostgres;
  temporal: TestWorkflowEnvironment;
}

/** Starts what every integration test shares: one database, one Temporal dev server, one bundle. */
export default async function globalSetup(): Promise<void> {
  mkdirSync(testRunDir, { recursive: true });

  const postgres = await createTestDatabase();
  migrateDatabase(postgres.databaseUrl);

  const cli = temporalCliPath();
  const temporal = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: cli ? { type: 'existing-path', path: cli } : { type: 'cached-download' },
      ip: '127.0.0.1',
      extraArgs: ['--log-level', 'error'],
    },
  });

  const workflowBundlePath = path.join(testRunDir, 'workflow-bundle.js');
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    ...workflowBundlerOptions(),
    logger: { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} },
  });
  writeFileSync(workflowBundlePath, code);

  const run: TestRun = { databaseUrl: postgres.databaseUrl, temporalAddress: temporal.address, workflowBundlePath };
  writeFileSync(testRunFile, JSON.stringify(run, null, 2));
  (globalThis as unknown as { iopTestServices: GlobalTestServices }).iopTestServices = { postgres, temporal };
}
