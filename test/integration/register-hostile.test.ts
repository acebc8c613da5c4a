import { request } from 'undici';
import { startSystem, type TestSystem } from '../support/system';

// The register as a hostile crawler tries it: every open-data address asked with bytes no filter
// holds, values twice, numbers past 2^63 and a query of 250 kB, and many at once. Each answer is a
// refusal naming what is wrong (or not found), never a 500.
describe('the public register, asked with hostile input', () => {
  let system: TestSystem;
  const lists = ['/register/data/partnerships.json', '/register/data/partnerships.csv'];

  beforeAll(async () => {
    system = await startSystem({ worker: false });
  });
  afterAll(() => system.stop());

  const ask = async (path: string) => {
    const response = await request(system.baseUrl + path);
    const text = await response.body.text();
    return { status: response.statusCode, type: String(response.headers['content-type'] ?? ''), text };
  };

  it('when a filter holds NUL, a lone surrogate, invalid UTF-8, a number past 2^63 or is given twice, then it is refused as a problem naming the filter', async () => {
    const hostile: [string, string][] = [
      ['organisation', '212000%000000'],
      ['organisation', '%ED%A0%80'],
      ['area', '%FF%FE'],
      ['phase', 'IMPLEMENTATION&phase=ENDED'],
      ['year', '92233720368547758070'],
      ['year', '2026%00'],
    ];
    for (const path of lists) {
      for (const [field, value] of hostile) {
        const answer = await ask(`${path}?${field}=${value}`);
        expect({ path, field, value, status: answer.status, type: answer.type }).toEqual({ path, field, value, status: 400, type: expect.stringMatching(/^application\/problem\+json/) });
        expect(JSON.parse(answer.text).errors).toEqual([expect.objectContaining({ in: 'query', field })]);
      }
    }
  });

  it('when an entry is asked by an id of NUL, of invalid UTF-8 or of 10 kB, then it is not found, or a bad request, as a problem', async () => {
    const ids: [string, number][] = [['%00', 404], ['%ED%A0%80', 400], ['x'.repeat(10_000), 404], ['00000000-0000-0000-0000-000000000000%00', 404]];
    for (const [id, status] of ids) {
      const answer = await ask(`/register/data/partnerships/${id}`);
      expect({ id: id.slice(0, 40), status: answer.status, type: answer.type }).toEqual({ id: id.slice(0, 40), status, type: expect.stringMatching(/^application\/problem\+json/) });
    }
  });

  it('when the query is 250 kB long, then it is refused before it reaches a route, and the register answers the next reader', async () => {
    const answer = await ask(`/register/data/partnerships.json?organisation=${'1'.repeat(250_000)}`);
    expect([400, 414, 431]).toContain(answer.status);
    expect((await ask('/register/data/partnerships.json?year=1999')).status).toBe(200);
  });

  it('when 40 readers ask for the whole CSV at once, then every one gets the same file', async () => {
    const answers = await Promise.all(Array.from({ length: 40 }, () => ask('/register/data/partnerships.csv')));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
  });
});
