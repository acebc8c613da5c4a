import type { Role } from '../../domain/roles';

export type { Role };

/** Who is calling: put on every authenticated request for the routes and the audit trail. */
export interface Principal {
  /** An integration's API key, or a person signed in with a bearer token. */
  type: 'API_KEY' | 'PERSON';
  /** The key's id, or a person's pseudonymous id (`person:<digest>`). */
  keyId: string;
  role: Role;
  /** Set for an organisation representative: the organisation it acts for. */
  organisationId: string | null;
}

export { roles } from '../../domain/roles';
