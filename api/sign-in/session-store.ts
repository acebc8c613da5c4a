// express-session's store in PostgreSQL: a session outlives a restart of the API, is shared by
// every API process, and ends when it has been idle too long (its row's expiresAt, renewed on use).
import session from 'express-session';
import type { Prisma } from '../../prisma/generated/client';
import type { Database } from '../../platform/database';

type Callback<T = void> = (error?: unknown, value?: T) => void;

export class DatabaseSessionStore extends session.Store {
  constructor(
    private readonly db: Database,
    private readonly idleMs: number,
  ) {
    super();
  }

  private expiry(data: session.SessionData): Date {
    const cookieExpiry = data.cookie?.expires ? new Date(data.cookie.expires) : null;
    return cookieExpiry ?? new Date(Date.now() + this.idleMs);
  }

  override get(id: string, done: Callback<session.SessionData | null>): void {
    this.db.workspaceSession
      .findUnique({ where: { id } })
      .then((row) => done(undefined, row && row.expiresAt.getTime() > Date.now() ? (row.data as unknown as session.SessionData) : null))
      .catch(done);
  }

  override set(id: string, data: session.SessionData, done: Callback = () => undefined): void {
    const json = JSON.parse(JSON.stringify(data)) as Prisma.InputJsonValue;
    const expiresAt = this.expiry(data);
    this.db.workspaceSession
      .upsert({ where: { id }, create: { id, data: json, expiresAt }, update: { data: json, expiresAt } })
      .then(() => done())
      .catch(done);
  }

  override touch(id: string, data: session.SessionData, done: Callback = () => undefined): void {
    this.db.workspaceSession
      .updateMany({ where: { id }, data: { expiresAt: this.expiry(data) } })
      .then(() => done())
      .catch(done);
  }

  override destroy(id: string, done: Callback = () => undefined): void {
    this.db.workspaceSession
      .deleteMany({ where: { id } })
      .then(() => done())
      .catch(done);
  }
}
