import { randomUUID } from 'node:crypto';
import { appearsInRegister, type DecisionFacts } from '../../domain/publication';
import { createDatabase, type Database } from '../../platform/database';
import { registerEntry } from '../../records/register';
import { testRun } from '../support/run-config';

// The register decides in SQL whether a partnership appears (records/register.ts); the domain says
// so in words (domain/publication.ts). Every combination of two parties' decisions, an early
// publication and a withholding is written as rows, and the two must give the same answer.
describe('whether a partnership appears in the register', () => {
  let db: Database;
  const created: string[] = [];

  beforeAll(() => {
    db = createDatabase(testRun().databaseUrl, { maxConnections: 2 });
  });
  afterAll(async () => {
    const mine = { partnershipId: { in: created } };
    await db.$transaction([db.decision.deleteMany({ where: mine }), db.party.deleteMany({ where: mine }), db.earlyPublication.deleteMany({ where: mine }), db.withholding.deleteMany({ where: mine }), db.partnership.deleteMany({ where: { id: { in: created } } })]);
    await db.$disconnect();
  });

  type Decided = 'none' | 'final yes' | 'yes, not final' | 'final no' | 'superseded final yes';
  const kinds: Decided[] = ['none', 'final yes', 'yes, not final', 'final no', 'superseded final yes'];

  async function write(first: Decided, second: Decided, secondLeft: boolean, publishedEarly: boolean, withheld: boolean): Promise<{ id: string; facts: DecisionFacts }> {
    const id = randomUUID();
    created.push(id);
    const organisation = await db.organisation.create({ data: { id: randomUUID(), name: 'Part', organisationNumber: `${String(Math.floor(Math.random() * 1e6)).padStart(6, '9')}-${String(Math.floor(Math.random() * 1e4)).padStart(4, '0')}`, kind: 'PUBLIC' } });
    await db.partnership.create({ data: { id, title: 'Kombination', coordinatorName: 'x', coordinatorEmail: 'x@example.se' } });
    const facts: DecisionFacts = { partyIds: [], decisions: [], publishedEarly, withheld };
    for (const [partyId, decided, left] of [['a', first, false], ['b', second, secondLeft]] as const) {
      await db.party.create({ data: { partnershipId: id, partyId, organisationId: organisation.id, kind: 'PUBLIC', joinedInTerm: 1, leftOn: left ? '2026-01-01' : null } });
      if (!left) facts.partyIds.push(partyId);
      if (decided === 'none') continue;
      const outcome = decided === 'final no' ? 'NO' : 'YES';
      const final = decided !== 'yes, not final';
      const superseded = decided === 'superseded final yes';
      await db.decision.create({
        data: { partnershipId: id, partyId, term: 1, agreementVersion: 1, outcome, decidingBody: 'Nämnden', decidingBodyKind: 'NAMND', meetingDate: '2026-01-01', final, supersededAtRevision: superseded ? 3 : null },
      });
      if (!superseded) facts.decisions.push({ partyId, outcome, final });
    }
    if (publishedEarly) await db.earlyPublication.create({ data: { partnershipId: id } });
    if (withheld) await db.withholding.create({ data: { partnershipId: id, field: 'partnership', ground: '21 kap. 7 §' } });
    return { id, facts };
  }

  it('when any combination of decisions, early publication and withholding is recorded, then the register shows it exactly when the domain says it appears', async () => {
    const disagreements: string[] = [];
    let shown = 0;
    for (const first of kinds)
      for (const second of kinds)
        for (const secondLeft of [false, true])
          for (const publishedEarly of [false, true])
            for (const withheld of [false, true]) {
              const { id, facts } = await write(first, second, secondLeft, publishedEarly, withheld);
              const inSql = (await registerEntry(db, id)) !== null;
              if (inSql) shown++;
              if (inSql !== appearsInRegister(facts)) disagreements.push(JSON.stringify({ first, second, secondLeft, publishedEarly, withheld, inSql }));
            }
    expect(disagreements).toEqual([]);
    // Both answers occur: a register that showed nothing, or everything, would agree too rarely to pass.
    expect(shown).toBeGreaterThan(20);
    expect(shown).toBeLessThan(200);
  });
});
