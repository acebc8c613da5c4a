// Who can sign in with `npm start`'s embedded OpenID provider: one person for each role, and a
// representative for each demo organisation, so that the workspace works out of the box. The
// organisations are registered on an empty database (scripts/start.ts) under these fixed ids.
import type { Role } from '../../domain/roles';

export interface DemoOrganisation {
  id: string;
  name: string;
  /** Valid, with its check digit: the API checks it as it would any other. */
  organisationNumber: string;
  kind: 'PUBLIC' | 'IDEBUREN';
}

export interface DemoPerson {
  /** The subject (`sub`) of its tokens, and what the sign-in page posts. */
  login: string;
  name: string;
  /** What the person does, in Swedish, as the sign-in page says it. */
  title: string;
  role: Role;
  organisationId?: string;
}

export const demoOrganisations: DemoOrganisation[] = [
  { id: '7d0a1c52-1f1e-4c55-9a3e-0c1b2d3e4f01', name: 'Borås stad', organisationNumber: '212000-1561', kind: 'PUBLIC' },
  { id: '7d0a1c52-1f1e-4c55-9a3e-0c1b2d3e4f02', name: 'Föreningen Språkvänner', organisationNumber: '802481-1112', kind: 'IDEBUREN' },
  { id: '7d0a1c52-1f1e-4c55-9a3e-0c1b2d3e4f03', name: 'Stadsmissionen i Sjuhärad', organisationNumber: '802500-2224', kind: 'IDEBUREN' },
];

export const demoPeople: DemoPerson[] = [
  { login: 'administrator', name: 'Ann Admin', title: 'Administratör', role: 'ADMINISTRATOR' },
  { login: 'handlaggare', name: 'Hanna Handläggare', title: 'Handläggare', role: 'CASE_OFFICER' },
  { login: 'jurist', name: 'Johan Jurist', title: 'Jurist (juridisk granskning)', role: 'LEGAL_REVIEWER' },
  { login: 'revisor', name: 'Rebecka Revisor', title: 'Revisor', role: 'AUDITOR' },
  ...demoOrganisations
    .filter((o) => o.kind === 'IDEBUREN')
    .map((o, i): DemoPerson => ({ login: `foretradare-${i + 1}`, name: `Företrädare för ${o.name}`, title: `Företrädare, ${o.name}`, role: 'ORGANISATION_REPRESENTATIVE', organisationId: o.id })),
];

