import { spawnSync } from 'node:child_process';
import path from 'node:path';

const projectRoot = path.resolve(__dirname, '..', '..');

interface LintMessage {
  ruleId: string | null;
  line: number;
}

/** Lints the source as if it were workflows/partnership.ts, with the project's own ESLint config. */
function lintWorkflow(source: string): LintMessage[] {
  const result = spawnSync(
    path.join(projectRoot, 'node_modules', '.bin', 'eslint'),
    ['--stdin', '--stdin-filename', path.join(projectRoot, 'workflows', 'partnership.ts'), '--format', 'json'],
    { cwd: projectRoot, input: source, encoding: 'utf8' },
  );
  const [report] = JSON.parse(result.stdout) as { messages: LintMessage[] }[];
  return report!.messages;
}

// Each lint run is type-aware and takes seconds, so the cases share one source, a line each.
const forbiddenImports = [
  "import fs from 'node:fs';",
  "import { randomUUID } from 'crypto';",
  "import nodemailer from 'nodemailer';",
  "import { PrismaClient } from '@prisma/client';",
  "import { createDatabase } from '../platform/database';",
  "import { createActivities } from '../activities';",
];

describe('the lint rules that keep workflow code deterministic', () => {
  it('when a workflow imports Node built-ins, nodemailer, Prisma, I/O modules or activities as values, or lets a promise float, then lint fails on each line', () => {
    const source = [
      ...forbiddenImports,
      "import { sleep } from '@temporalio/workflow';",
      'export async function f(): Promise<void> {',
      '  sleep(1);',
      '}',
      'export const used = [fs, randomUUID, nodemailer, PrismaClient, createDatabase, createActivities];',
    ].join('\n');

    const messages = lintWorkflow(source);

    forbiddenImports.forEach((_, index) => {
      expect(messages).toContainEqual(expect.objectContaining({ ruleId: 'no-restricted-imports', line: index + 1 }));
    });
    expect(messages).toContainEqual(
      expect.objectContaining({ ruleId: '@typescript-eslint/no-floating-promises', line: forbiddenImports.length + 3 }),
    );
  }, 60_000);

  it('when a workflow imports activities as types only and awaits its promises, then lint passes', () => {
    const source = [
      "import { sleep } from '@temporalio/workflow';",
      "import type { Activities } from '../activities';",
      'export type A = Activities;',
      'export async function f(): Promise<void> {',
      '  await sleep(1);',
      '}',
      '',
    ].join('\n');
    expect(lintWorkflow(source)).toEqual([]);
  }, 60_000);
});
