import { execFileSync } from 'node:child_process';
import path from 'node:path';

// A product file's name says what it is wherever it is named: in an import, a stack trace, a review.
// Three files called announcements.ts (the rules, the e-mails, the activity) made every mention of
// one ambiguous. A base name is the product's once, except the names each folder of a kind has.

const root = path.join(__dirname, '..', '..');
const productFolders = ['activities', 'api', 'domain', 'events', 'platform', 'records', 'worker', 'workflows'];

/** One per folder of a kind, and told apart by the folder: an entry point, a resource's routes and its schemas. */
const perFolderNames = new Set(['index.ts', 'main.ts', 'routes.ts', 'schemas.ts']);

function productFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z', '--', ...productFolders], { cwd: root, encoding: 'utf8' });
  return out.split('\0').filter((file) => file.endsWith('.ts'));
}

/** Each base name held by more than one file, with the files. */
export function sharedNames(files: string[]): Record<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const file of files) {
    const name = path.posix.basename(file);
    if (perFolderNames.has(name)) continue;
    byName.set(name, [...(byName.get(name) ?? []), file]);
  }
  return Object.fromEntries([...byName].filter(([, holders]) => holders.length > 1));
}

describe("the product's file names", () => {
  it('when the product files are listed, then no two share a base name', () => {
    const files = productFiles();
    expect(files.length).toBeGreaterThan(100);
    expect(sharedNames(files)).toEqual({});
  });

  it('when two files in different folders share a name, then the check names both', () => {
    expect(sharedNames(['domain/tasks.ts', 'records/tasks.ts', 'api/tasks/routes.ts', 'api/keys/routes.ts'])).toEqual({ 'tasks.ts': ['domain/tasks.ts', 'records/tasks.ts'] });
  });
});
