import type { Role } from '../../platform/database';

export type { Role };

/** Who is calling: put on every authenticated request for the routes and the audit trail. */
export interface Principal {
  /** An integration's API key, or a person signed in with a bearer token. */
  kind: 'API_KEY' | 'PERSON';
  /** The key's id, or a person's pseudonymous id (`person:<digest>`). */
  keyId: string;
  role: Role;
  /** Set for an organisation representative: the organisation it acts for. */
  organisationId: string | null;
}

export const roles = [
  'ADMINISTRATOR',
  'CASE_OFFICER',
  'LEGAL_REVIEWER',
  'ORGANISATION_REPRESENTATIVE',
  'AUDITOR',
] as const satisfies readonly Role[];
