import { readFileSync } from 'node:fs';
import path from 'node:path';
import { appearsInRegister, publicationPolicy, publishedColumns, withholdingGround, type DecisionFacts } from '../../domain/publication';

/** The columns of each model in prisma/schema.prisma: relations (a field typed by another model) left out. */
function schemaColumns(): Map<string, string[]> {
  const schema = readFileSync(path.join(__dirname, '..', '..', 'prisma', 'schema.prisma'), 'utf8');
  const models = [...schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)];
  const names = new Set(models.map((m) => m[1]!));
  return new Map(
    models.map(([, name, body]) => [
      name!,
      body!
        .split('\n')
        .map((line) => /^\s+(\w+)\s+(\w+)/.exec(line))
        .filter((m): m is RegExpExecArray => !!m && !names.has(m[2]!))
        .map((m) => m[1]!),
    ]),
  );
}

describe('the publication policy', () => {
  it('when a record the register reads gains a column, then the policy must say whether it is published: every column is declared, and none that is not there', () => {
    const columns = schemaColumns();
    for (const [record, declared] of Object.entries(publicationPolicy)) {
      expect({ record, columns: [...(columns.get(record) ?? [])].sort() }).toEqual({ record, columns: Object.keys(declared).sort() });
    }
  });

  it('when the policy is read, then no person, no draft and no working note is published', () => {
    expect(publishedColumns('Partnership')).not.toEqual(expect.arrayContaining(['coordinatorName']));
    for (const never of ['coordinatorName', 'coordinatorEmail', 'createdByKeyId', 'cooperationRationale', 'submittedVersion', 'beforeFinalReason']) expect(publishedColumns('Partnership')).not.toContain(never);
    expect(publishedColumns('Party')).not.toContain('contactIds');
    expect(publishedColumns('Party')).not.toContain('leaveReason');
    expect(publishedColumns('Evaluation')).not.toContain('conflictsToPrevent');
    expect(Object.keys(publicationPolicy)).not.toContain('LegalReview');
    expect(Object.keys(publicationPolicy)).not.toContain('LegalReviewAnswer');
    expect(Object.keys(publicationPolicy)).not.toContain('Contact');
    expect(publishedColumns('Decision')).toEqual(expect.arrayContaining(['decidingBody', 'meetingDate', 'paragraph', 'final']));
  });

  it('when a ground for withholding is named, then only a chapter and section of OSL as the act cites itself is taken', () => {
    for (const ground of ['21 kap. 7 §', '31 kap. 16 §', '18 kap. 8 a §']) expect(ground).toMatch(withholdingGround);
    for (const ground of ['', 'sekretess', '21 kap 7 §', '21 kap. §', '999 kap. 1 §', '21 kap. 7 § ', '21 kap. 7 z §']) expect(ground).not.toMatch(withholdingGround);
  });

  const facts = (over: Partial<DecisionFacts> = {}): DecisionFacts => ({
    partyIds: ['kommun', 'forening'],
    decisions: [
      { partyId: 'kommun', outcome: 'YES', final: true },
      { partyId: 'forening', outcome: 'YES', final: true },
    ],
    publishedEarly: false,
    withheld: false,
    ...over,
  });

  it('when every party has decided yes and each decision is final, then the partnership appears; one not yet final, a no, or a party without a decision keeps it out', () => {
    expect(appearsInRegister(facts())).toBe(true);
    expect(appearsInRegister(facts({ decisions: [facts().decisions[0]!, { partyId: 'forening', outcome: 'YES', final: false }] }))).toBe(false);
    expect(appearsInRegister(facts({ decisions: [facts().decisions[0]!, { partyId: 'forening', outcome: 'NO', final: true }] }))).toBe(false);
    expect(appearsInRegister(facts({ decisions: [facts().decisions[0]!] }))).toBe(false);
    expect(appearsInRegister(facts({ partyIds: [], decisions: [] }))).toBe(false);
  });

  it('when an administrator publishes early, then it appears before the decisions are final; when withheld, then it never appears', () => {
    expect(appearsInRegister(facts({ decisions: [], publishedEarly: true }))).toBe(true);
    expect(appearsInRegister(facts({ withheld: true }))).toBe(false);
    expect(appearsInRegister(facts({ publishedEarly: true, withheld: true }))).toBe(false);
  });
});
