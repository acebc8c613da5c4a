import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { temporalCliPath } from '../../platform/temporal-binaries';
import { partnershipStateQuery, partnershipWorkflowId } from '../../workflows/messages';
import { startDevServer, type DevServer } from '../support/dev-server';
import { fullAgreement, PartnershipDriver } from '../support/lifecycle';
import { createTestDatabase, migrateDatabase, postgresClientBin, type TestPostgres } from '../support/postgres';
import { runCommand, type CommandResult } from '../support/run-command';
import { testRun } from '../support/run-config';
import { api, eventually, examplePartnership, startSystem, type TestSystem } from '../support/system';

const projectRoot = path.resolve(__dirname, '..', '..');

// The operator's procedure (docs/operations.md, "Backup and restore"), run for real: a system of its
// own (a Temporal dev server on a file, a database, the API and a worker) is backed up mid-life with
// deploy/backup.sh and brought back into a fresh one with deploy/restore.sh.
describe('backup and restore of the app database and Temporal together', () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'iop-backup-'));
  const backupDir = path.join(work, 'backup');
  const databases: TestPostgres[] = [];
  const servers: DevServer[] = [];
  const systems: TestSystem[] = [];
  let pgBin: string;
  let original: TestSystem;
  let adminKey: string;
  let taskQueue: string;
  /** One partnership in each of three phases, with what the API answered for it before the backup. */
  let taken: { name: string; id: string; record: any; listed: any; deadlines: any }[];
  let refusedWhileRunning: CommandResult;
  /** The app's database alone, a step earlier than the backup: what an app backup taken before Temporal's holds. */
  const earlierAppDump = path.join(work, 'app-earlier.dump');
  let describedBefore: { id: string; revision: number };

  const script = async (name: 'backup.sh' | 'restore.sh', env: Record<string, string>): Promise<CommandResult> =>
    runCommand('sh', [path.join(projectRoot, 'deploy', name), backupDir], { cwd: projectRoot, env: { ...process.env, PATH: `${pgBin}${path.delimiter}${process.env.PATH}`, ...env } });
  const succeeded = (result: CommandResult) => {
    if (result.status !== 0) throw new Error(`exited with ${result.status}:\n${result.output}`);
    return result;
  };
  const newDatabase = async () => {
    const database = await createTestDatabase();
    databases.push(database);
    return database;
  };
  const newServer = async (file: string) => {
    const server = await startDevServer(file);
    servers.push(server);
    return server;
  };
  const newSystem = async (database: TestPostgres, server: DevServer) => {
    const system = await startSystem({ databaseUrl: database.databaseUrl, temporalAddress: server.address, taskQueue });
    systems.push(system);
    return system;
  };
  /** Stops one, and leaves it off the list that afterAll stops. */
  const stopOne = async <T extends { stop(): Promise<void> }>(list: T[], one: T) => {
    const at = list.indexOf(one);
    if (at >= 0) list.splice(at, 1);
    await one.stop();
  };
  const stopSystem = (system: TestSystem) => stopOne(systems, system);
  const stopServer = (server: DevServer) => stopOne(servers, server);

  beforeAll(async () => {
    const found = await postgresClientBin(testRun().databaseUrl);
    if (!found) throw new Error("No pg_dump and pg_restore of the test server's major version or newer: install PostgreSQL's client tools (Debian: postgresql-client)");
    pgBin = found;

    const database = await newDatabase();
    migrateDatabase(database.databaseUrl);
    const originalFile = path.join(work, 'original.sqlite');
    const server = await newServer(originalFile);
    original = await newSystem(database, server);
    adminKey = original.adminKey;
    taskQueue = original.taskQueue;

    const registered = await PartnershipDriver.register(original);
    const inReview = await PartnershipDriver.register(original);
    await inReview.initiate();
    await inReview.step('save-agreement-draft', { sections: fullAgreement });
    await inReview.step('submit-for-legal-review');
    const implementing = await PartnershipDriver.register(original);
    await implementing.implement();
    const drivers = { registered, inReview, implementing };
    for (const driver of Object.values(drivers)) await driver.settled();

    // Taken while the system runs, as a careless operator might, before one more step.
    succeeded(await runCommand(path.join(pgBin, 'pg_dump'), ['--format=custom', `--file=${earlierAppDump}`, database.databaseUrl], { cwd: projectRoot, env: process.env }));
    const described = await registered.step('describe-challenge', { challenge: 'Äldre som ingen längre ringer.' });
    describedBefore = { id: registered.id, revision: described.revision };
    refusedWhileRunning = await script('backup.sh', { APP_DATABASE: database.databaseUrl, TEMPORAL_SQLITE_FILE: originalFile });

    const listed = (await api(original, 'GET', '/api/v1/partnerships?limit=200', { key: adminKey })).body.partnerships as { id: string }[];
    taken = [];
    for (const [name, driver] of Object.entries(drivers)) {
      taken.push({
        name,
        id: driver.id,
        record: await driver.state(),
        listed: listed.find((item) => item.id === driver.id),
        deadlines: (await api(original, 'GET', `/api/v1/partnerships/${driver.id}/deadlines`, { key: adminKey })).body,
      });
    }

    // The procedure's order: the API and the worker stop first, then Temporal; only then the backup.
    await stopSystem(original);
    await stopServer(server);
    succeeded(await script('backup.sh', { APP_DATABASE: database.databaseUrl, TEMPORAL_SQLITE_FILE: originalFile }));
  }, 300_000);

  afterAll(async () => {
    // Everything this file started, whatever failed: the systems first, as the procedure stops them.
    for (const system of [...systems].reverse()) await system.stop().catch(() => undefined);
    for (const server of [...servers].reverse()) await server.stop().catch(() => undefined);
    for (const database of databases) await database.drop().catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }, 120_000);

  it('when the API and the worker still run, then the backup script refuses and says to stop them', () => {
    expect(refusedWhileRunning.status).toBe(1);
    expect(refusedWhileRunning.stderr).toMatch(/other session\(s\) are connected to .*: stop the API, the workers and Temporal first/);
  });

  it('when the system has stopped, then the backup holds the app database and the dev server file', () => {
    expect(existsSync(path.join(backupDir, 'app.dump'))).toBe(true);
    expect(existsSync(path.join(backupDir, 'temporal.sqlite'))).toBe(true);
  });

  describe('when the backup is restored into a fresh database and a new dev server', () => {
    let restored: TestSystem;
    let restoredServer: DevServer;

    beforeAll(async () => {
      const database = await newDatabase();
      const file = path.join(work, 'restored.sqlite');
      succeeded(await script('restore.sh', { APP_DATABASE: database.databaseUrl, TEMPORAL_SQLITE_FILE: file }));
      // As at every start: a backup of an earlier release gets the migrations it lacks.
      migrateDatabase(database.databaseUrl);
      restoredServer = await newServer(file);
      restored = await newSystem(database, restoredServer);
    }, 120_000);

    it('when the API is asked, then it finds every partnership with its phase, revision and next deadline as before, under the keys of before', async () => {
      expect(taken.map((t) => [t.name, t.record.phase])).toEqual([
        ['registered', 'INITIATION'],
        ['inReview', 'LEGAL_REVIEW'],
        ['implementing', 'IMPLEMENTATION'],
      ]);
      expect(taken.find((t) => t.name === 'implementing')!.listed.nextDeadlineOn).toEqual(expect.any(String));
      const listed = (await api(restored, 'GET', '/api/v1/partnerships?limit=200', { key: adminKey })).body.partnerships as { id: string }[];
      expect(listed.map((item) => item.id).sort()).toEqual(taken.map((t) => t.id).sort());
      for (const before of taken) {
        const record = await api(restored, 'GET', `/api/v1/partnerships/${before.id}`, { key: adminKey });
        expect(record.status).toBe(200);
        expect(record.body).toEqual(before.record);
        expect(listed.find((item) => item.id === before.id)).toEqual(before.listed);
      }
    });

    it("when each partnership's workflow is asked, then it runs, its state is the record's revision, and it plans the deadlines it planned before", async () => {
      for (const before of taken) {
        const handle = restored.temporal.workflow.getHandle(partnershipWorkflowId(before.id));
        expect((await handle.describe()).status.name).toBe('RUNNING');
        expect((await handle.query(partnershipStateQuery)).revision).toBe(before.record.revision);
        const deadlines = await api(restored, 'GET', `/api/v1/partnerships/${before.id}/deadlines`, { key: adminKey });
        expect(deadlines.status).toBe(200);
        expect(deadlines.body).toEqual(before.deadlines);
      }
      expect(taken.find((t) => t.name === 'inReview')!.deadlines.deadlines.length).toBeGreaterThan(0);
      expect(taken.find((t) => t.name === 'implementing')!.deadlines.deadlines.length).toBeGreaterThan(0);
      // The check the procedure gives operators: as many running workflows in each phase as records.
      for (const phase of new Set(taken.map((t) => t.record.phase as string))) {
        const counted = succeeded(
          await runCommand(temporalCliPath()!, ['workflow', 'count', '--address', restoredServer.address, '--query', `IopPhase = '${phase}' AND ExecutionStatus = 'Running'`, '--output', 'json'], { cwd: projectRoot, env: process.env }),
        );
        expect(Number(JSON.parse(counted.stdout).count)).toBe(await restored.db.partnership.count({ where: { phase } }));
      }
    });

    it('when the restored system has run a while, then no e-mail the original sent goes out again', async () => {
      // Each workflow has been replayed by the queries above; a notice sent twice would be sent by now.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(restored.smtp.messages).toEqual([]);
      expect(await restored.db.outboundEmail.count({ where: { status: { not: 'SENT' } } })).toBe(0);
    });

    it('when a step is taken on a restored partnership, then it is recorded and its workflow moves on with it', async () => {
      const before = taken.find((t) => t.name === 'implementing')!;
      const driver = new PartnershipDriver(restored, before.id, adminKey);
      const stepped = await driver.step('start-evaluation');
      expect(stepped).toMatchObject({ phase: 'EVALUATION', revision: before.record.revision + 1 });

      expect(await driver.state()).toMatchObject({ phase: 'EVALUATION', revision: before.record.revision + 1 });
      const audit = await restored.db.auditEvent.findFirst({ where: { partnershipId: before.id, revision: before.record.revision + 1 } });
      expect(audit).toMatchObject({ action: 'partnership.startEvaluation', phaseBefore: 'IMPLEMENTATION', phaseAfter: 'EVALUATION' });
      const handle = restored.temporal.workflow.getHandle(partnershipWorkflowId(before.id));
      expect(await handle.query(partnershipStateQuery)).toMatchObject({ phase: 'EVALUATION', revision: before.record.revision + 1 });
    });
  });

  describe("when the app's backup is a step older than Temporal's", () => {
    let skewed: TestSystem;

    beforeAll(async () => {
      // Only one restored system at a time on two cores.
      for (const system of [...systems]) await stopSystem(system);
      for (const server of [...servers]) await stopServer(server);
      const database = await newDatabase();
      succeeded(await runCommand(path.join(pgBin, 'pg_restore'), ['--exit-on-error', '--single-transaction', '-d', database.databaseUrl, earlierAppDump], { cwd: projectRoot, env: process.env }));
      const file = path.join(work, 'skewed.sqlite');
      copyFileSync(path.join(backupDir, 'temporal.sqlite'), file);
      skewed = await newSystem(database, await newServer(file));
    }, 120_000);

    it('when the workflows replay, then the step between the two backups is in the workflow and never comes back into the records', async () => {
      const { id, revision } = describedBefore;
      const handle = skewed.temporal.workflow.getHandle(partnershipWorkflowId(id));
      // Replay takes the recording's result from the history: the activity does not run again.
      expect((await handle.query(partnershipStateQuery)).revision).toBe(revision);
      const driver = new PartnershipDriver(skewed, id, adminKey);
      expect(await driver.state()).toMatchObject({ revision: revision - 1, challenge: examplePartnership.challenge });

      // The next step is recorded on its own revision: the records skip one for good.
      await driver.step('add-learning-goal', { partyId: null, description: 'Vem saknar vi?' });
      await eventually(async () => (await driver.state()).revision === revision + 1);
      const revisions = (await skewed.db.auditEvent.findMany({ where: { partnershipId: id } })).map((row) => row.revision);
      expect(revisions).toContain(revision + 1);
      expect(revisions).not.toContain(revision);
      expect((await driver.state()).challenge).toBe(examplePartnership.challenge);
    });
  });
});
