// Prints the policy table (domain/policy.ts, with each step's rights from domain/steps/) as the
// Markdown table in docs/security.md: `npx tsx scripts/policy-table.ts`. A unit test keeps the
// page's copy equal to it.
import { operationPolicy, roles, stepPolicy, type Rights } from '../domain/policy';

const short: Record<(typeof roles)[number], string> = {
  ADMINISTRATOR: 'administrator',
  CASE_OFFICER: 'case officer',
  LEGAL_REVIEWER: 'legal reviewer',
  ORGANISATION_REPRESENTATIVE: 'representative',
  AUDITOR: 'auditor',
};

export function policyTable(): string {
  const row = (name: string, rights: Rights) => `| \`${name}\` | ${roles.map((role) => (rights[role] === 'any' ? '✓' : rights[role] === 'own' ? 'own' : '')).join(' | ')} |`;
  return [
    `| operation | ${roles.map((r) => short[r]).join(' | ')} |`,
    `| --- | ${roles.map(() => ':-:').join(' | ')} |`,
    ...Object.entries(operationPolicy).map(([name, rights]) => row(name, rights)),
    ...Object.entries(stepPolicy).map(([name, rights]) => row(`actions/${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`, rights)),
  ].join('\n');
}

if (require.main === module) console.log(policyTable());
