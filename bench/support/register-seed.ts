// The register's benchmark data (bench/register.ts): partnerships as the recording activity leaves
// them, nine in ten in the register, each with three parties, final decisions, contributions, an
// agreement in force and an evaluation, written by SQL in a few statements.
import type { Pool } from 'pg';
import { entriesStatement } from '../../records/register';

/** The partnerships as the recording activity leaves them, written by SQL in a few statements; the ids of some that appear. */
export async function seedRegister(pool: Pool, partnerships: number): Promise<string[]> {
  // 100 public bodies with their SCB codes, 200 idéburna organisations.
  await pool.query(`INSERT INTO "Organisation" (id, name, "organisationNumber", kind, "municipalityCode")
    SELECT gen_random_uuid(), CASE WHEN i <= 100 THEN 'Kommun ' || i ELSE 'Förening ' || i END,
      CASE WHEN i <= 100 THEN '212000-' ELSE '802000-' END || lpad(i::text, 4, '0'),
      CASE WHEN i <= 100 THEN 'PUBLIC' ELSE 'IDEBUREN' END,
      CASE WHEN i <= 100 THEN lpad((1 + i % 25)::text, 2, '0') || lpad((i % 90)::text, 2, '0') END
    FROM generate_series(1, 300) AS i`);
  await pool.query(
    `INSERT INTO "Partnership" (id, title, challenge, "caseNumber", "coordinatorName", "coordinatorEmail", phase, "phaseEnteredOn", term, revision,
       "cooperationForm", "versionInForce", "implementationStartDate", "termEndDate", area, "createdAt", "updatedAt")
     SELECT gen_random_uuid(),
       (ARRAY['Språkvänner', 'Läxhjälp', 'Mötesplats', 'Arbetsträning', 'Kvinnojour'])[1 + i % 5] || ' i område ' || i,
       'Utmaning nummer ' || i || ': ensamhet, språk och arbete, som parterna tar sig an tillsammans under fem år.',
       'KS 2026/' || i, 'Anna Andersson', 'anna.andersson@example.se',
       (ARRAY['IMPLEMENTATION', 'IMPLEMENTATION', 'EVALUATION', 'RENEGOTIATION', 'ENDED'])[1 + i % 5], '2026-03-01', 1, 20,
       'IOP', 1, '2026-03-01', to_char(date '2027-01-01' + (i % 1800), 'YYYY-MM-DD'),
       (ARRAY['SOCIAL_WELFARE', 'INTEGRATION', 'CHILDREN_YOUTH', 'EMPLOYMENT', 'VIOLENCE_PREVENTION', 'ELDERLY'])[1 + i % 6],
       now() - make_interval(days => i % 2000), now() - make_interval(secs => i)
     FROM generate_series(1, $1::int) AS i`,
    [partnerships],
  );
  // A public body and two idéburna organisations in each.
  await pool.query(`INSERT INTO "Party" ("partnershipId", "partyId", "organisationId", kind, "joinedInTerm", "joinedOn", "recordedAtRevision", "recordedPosition")
    SELECT p.id, 'party-' || k, o.id, o.kind, 1, '2026-03-01', 1, k
    FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM "Partnership") p
    CROSS JOIN generate_series(1, 3) AS k
    JOIN (SELECT id, kind, row_number() OVER (ORDER BY "organisationNumber") AS m FROM "Organisation") o
      ON o.m = CASE WHEN k = 1 THEN 1 + p.n % 100 ELSE 101 + (p.n * 7 + k * 13) % 200 END`);
  await pool.query(`INSERT INTO "PartnershipTerm" ("partnershipId", term, "startDate", "endDate") SELECT id, 1, '2026-03-01', "termEndDate" FROM "Partnership"`);
  // Every party's yes, final in nine partnerships of ten.
  await pool.query(`INSERT INTO "Decision" ("partnershipId", "partyId", term, "agreementVersion", outcome, "decidingBody", "decidingBodyKind", "meetingDate", paragraph,
      "approvalDate", "postingDate", "appealWindowEnds", final, "recordedAtRevision", "recordedPosition")
    SELECT pa."partnershipId", pa."partyId", 1, 1, 'YES', CASE WHEN pa.kind = 'PUBLIC' THEN 'Kommunstyrelsen' ELSE 'Styrelsen' END,
      CASE WHEN pa.kind = 'PUBLIC' THEN 'STYRELSE' ELSE 'BOARD' END, '2026-02-01', '§ 12', '2026-02-05', '2026-02-06', '2026-02-27',
      (abs(hashtext(pa."partnershipId"::text)) % 10) <> 0, 5, pa."recordedPosition"
    FROM "Party" pa`);
  await pool.query(`INSERT INTO "Contribution" ("partnershipId", "contributionId", "partyId", kind, description, "valueSek", "recordedAtRevision", "recordedPosition")
    SELECT pa."partnershipId", 'contribution-' || pa."partyId", pa."partyId", CASE WHEN pa.kind = 'PUBLIC' THEN 'MONEY' ELSE 'VOLUNTEER_WORK' END,
      CASE WHEN pa.kind = 'PUBLIC' THEN 'Bidrag till verksamheten' ELSE 'Volontärer två kvällar i veckan' END, 250000, 3, pa."recordedPosition"
    FROM "Party" pa`);
  await pool.query(`INSERT INTO "AgreementVersion" ("partnershipId", version, sections, locked, "savedAtRevision")
    SELECT id, 1, jsonb_build_object('purpose', repeat('Syftet är att parterna tillsammans ska möta utmaningen. ', 12),
      'commitments', repeat('Parterna åtar sig att bidra med resurser och kunskap. ', 12), 'termination', 'Avtalet kan sägas upp med sex månaders varsel.'), true, 4
    FROM "Partnership"`);
  await pool.query(`INSERT INTO "LearningGoal" ("partnershipId", "learningGoalId", description) SELECT id, 'goal-1', 'Fler deltagare i arbete' FROM "Partnership"`);
  await pool.query(`INSERT INTO "Evaluation" ("partnershipId", "evaluationId", term, "recordedOn", "learningGoalAssessments")
    SELECT id, 'evaluation-1', 1, '2026-11-01', '[{"learningGoalId": "goal-1", "assessment": "Målet nåddes delvis: 40 deltagare fick arbete."}]'::jsonb FROM "Partnership"`);
  await pool.query('ANALYZE');
  const { rows } = await pool.query<{ id: string }>(entriesStatement({}, 2_000));
  return rows.map((r) => (r as unknown as { entry: { id: string } }).entry.id).sort(() => Math.random() - 0.5).slice(0, 500);
}
