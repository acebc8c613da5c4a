import { isDatabaseUnavailable } from '../../platform/database-errors';

describe('which database errors a retry may cure', () => {
  it.each([
    ['Prisma cannot reach the server', { code: 'P1001' }],
    ['the pool had no connection in time', new Error('timeout exceeded when trying to connect')],
    ['the server was hung past the client-side timeout', new Error('Query read timeout')],
    ['a statement ran past its timeout', { code: 'P2010', meta: { driverAdapterError: { cause: { originalCode: '57014' } } } }],
    ['the adapter says the database is not reachable', { meta: { driverAdapterError: { cause: { kind: 'DatabaseNotReachable' } } } }],
    ['the server is shutting down', { code: '57P01' }],
  ])('when %s, then it is "unavailable" (503)', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique constraint is violated', { code: 'P2002' }],
    ['a value does not fit its column', { code: 'P2000' }],
    ['a check constraint refuses the row', { meta: { driverAdapterError: { cause: { originalCode: '23514' } } } }],
    ['nothing is known of it', new Error('something else')],
  ])('when %s, then it is not "unavailable": a retry would not cure it', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
