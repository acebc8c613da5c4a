// Who uses the product, in one list: the API's principals, the policy table, the configuration's
// role map and the database's enum all take their roles from here (a test holds Prisma's enum to it).
export const roles = ['ADMINISTRATOR', 'CASE_OFFICER', 'LEGAL_REVIEWER', 'ORGANISATION_REPRESENTATIVE', 'AUDITOR'] as const;
export type Role = (typeof roles)[number];

/**
 * 'any': on every partnership and organisation. 'own': an organisation representative, only where
 * its organisation is a party (or is the organisation itself), and a step only for its own party.
 */
export type Scope = 'any' | 'own';
export type Rights = Partial<Record<Role, Scope>>;

export const administrator: Rights = { ADMINISTRATOR: 'any' };
// Handläggare: moves cases, records follow-ups and decisions.
export const staff: Rights = { ADMINISTRATOR: 'any', CASE_OFFICER: 'any' };
export const staffAndOwnParty: Rights = { ...staff, ORGANISATION_REPRESENTATIVE: 'own' };
export const legalReview: Rights = { ADMINISTRATOR: 'any', LEGAL_REVIEWER: 'any' };
// The auditor (revisor) and the legal reviewer read, and change nothing they have no step for.
export const readers: Rights = { ADMINISTRATOR: 'any', CASE_OFFICER: 'any', LEGAL_REVIEWER: 'any', AUDITOR: 'any', ORGANISATION_REPRESENTATIVE: 'own' };
