import { databaseError, DatabaseUnavailable, DuplicateRecord } from '../../platform/database-errors';

describe('which database errors a retry may cure', () => {
  it.each([
    ['Prisma cannot reach the server', { code: 'P1001' }],
    ['the pool had no connection in time', new Error('timeout exceeded when trying to connect')],
    ['the server was hung past the client-side timeout', new Error('Query read timeout')],
    ['a statement ran past its timeout', { code: 'P2010', meta: { driverAdapterError: { cause: { originalCode: '57014' } } } }],
    ['the adapter says the database is not reachable', { meta: { driverAdapterError: { cause: { kind: 'DatabaseNotReachable' } } } }],
    ['the server is shutting down', { code: '57P01' }],
  ])('when %s, then it is "unavailable" (503)', (_name, error) => {
    expect(databaseError(error)).toBeInstanceOf(DatabaseUnavailable);
  });

  it.each([
    ['a unique constraint is violated', { code: 'P2002' }],
    ['a value does not fit its column', { code: 'P2000' }],
    ['a check constraint refuses the row', { meta: { driverAdapterError: { cause: { originalCode: '23514' } } } }],
    ['nothing is known of it', new Error('something else')],
  ])('when %s, then it is not "unavailable": a retry would not cure it', (_name, error) => {
    expect(databaseError(error)).not.toBeInstanceOf(DatabaseUnavailable);
  });

  it.each([
    ['pg refuses a row with a taken key', { code: '23505' }],
    ['Prisma refuses a row with a taken key', { code: 'P2002' }],
  ])('when %s, then it is a DuplicateRecord, and the driver\'s error is its cause', (_name, error) => {
    const translated = databaseError(error);
    expect(translated).toBeInstanceOf(DuplicateRecord);
    expect((translated as Error).cause).toBe(error);
  });

  it('when an error is in the vocabulary already, then it is passed on as it is', () => {
    const unavailable = new DatabaseUnavailable(new Error('ECONNREFUSED'));
    expect(databaseError(unavailable)).toBe(unavailable);
  });
});
