import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

// A comment or a page that names a file the repository does not have sends its reader nowhere: the
// domain brief that comments cited lived outside the repository, and files were renamed under
// comments that kept the old names. Every repository path written in a comment or a doc must exist.

const root = path.join(__dirname, '..', '..');

/** Named in comments and docs, but not files of the repository; each with why. */
const notRepositoryFiles: { pattern: RegExp; reason: string }[] = [
  { pattern: /^\.data\//, reason: 'what `npm start` writes at run time (IOP_DATA_DIR), ignored by git' },
  { pattern: /^\.tools\//, reason: 'the Temporal binaries and schemathesis that setup installs, ignored by git' },
  { pattern: /^node_modules\//, reason: 'installed packages' },
  { pattern: /^dist\//, reason: 'the compiled build (`npm run build`), ignored by git' },
  { pattern: /^prisma\/generated\//, reason: 'the Prisma client that setup generates, ignored by git' },
  { pattern: /^deploy\/secrets\//, reason: "docker-compose.yml's secrets, which deploy/make-secrets.sh writes, ignored by git" },
];

/** The tracked files and the new ones not yet committed; ignored files are not the repository's. */
function repositoryFiles(): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8' });
  return out.split('\0').filter((file) => file && existsSync(path.join(root, file)));
}

/** The comments of the Prisma schema: its own syntax has `//` and `///` line comments only. */
function schemaComments(text: string): string[] {
  return [...text.matchAll(/\/\/.*$/gm)].map(([comment]) => comment);
}

/** The text of every comment in a script, found by TypeScript's own parser (strings, regular expressions and templates are not comments). */
function commentsOf(file: string, text: string): string[] {
  const kind = /\.(mjs|js)$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const seen = new Map<number, string>();
  const collect = (ranges: readonly ts.CommentRange[] | undefined) => {
    for (const range of ranges ?? []) seen.set(range.pos, text.slice(range.pos, range.end));
  };
  const visit = (node: ts.Node) => {
    collect(ts.getLeadingCommentRanges(text, node.pos));
    collect(ts.getTrailingCommentRanges(text, node.end));
    for (const child of node.getChildren(source)) visit(child);
  };
  visit(source);
  return [...seen.values()];
}

// A path: segments of file-name characters joined by slashes, not inside a word, a URL or an
// absolute path (`/api/v1/…`, `@temporalio/workflow`), ending in an extension or, for a folder, a slash.
const pathLike = /(?<![\w@/.:~-])(?:(?:\.{1,2}\/)*(?:[\w.-]+\/)+(?:[\w-]+(?:\.[\w-]+)*\.[a-z][a-z0-9]{0,7}\b(?!\/))?)/g;
// A document cited by its name alone, with no folder: it must be some file of the repository.
const bareDocument = /(?<![\w@/.:~-])[\w-]+\.md\b(?![/\w])/g;
const url = /\b[a-z][a-z0-9+.-]*:\/\/\S+/gi;

interface Citation {
  cited: string;
  by: string;
}

/** The repository's top-level folders: a path that ends in a slash is checked only when it starts with one (`recording/` may be any folder's). */
function topLevelFolders(files: string[]): Set<string> {
  return new Set(files.filter((file) => file.includes('/')).map(firstSegment));
}

const firstSegment = (cited: string) => cited.slice(0, cited.indexOf('/'));

function citationsIn(file: string, text: string, folders: Set<string>): Citation[] {
  const plain = text.replace(url, ' ');
  const found: Citation[] = [];
  for (const [cited] of plain.matchAll(pathLike)) {
    if (cited.endsWith('/') && !folders.has(firstSegment(cited))) continue;
    found.push({ cited, by: file });
  }
  for (const [cited] of plain.matchAll(bareDocument)) found.push({ cited, by: file });
  return found;
}

function allCitations(): Citation[] {
  const files = repositoryFiles();
  const docs = files.filter((file) => file === 'README.md' || /^docs\/[^/]+\.md$/.test(file) || file === 'test/replay/README.md');
  const scripts = files.filter((file) => /\.(ts|mjs|js)$/.test(file));
  expect(docs).toContain('README.md');
  expect(scripts.length).toBeGreaterThan(100);
  const folders = topLevelFolders(files);
  const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
  return [
    ...docs.flatMap((file) => citationsIn(file, read(file), folders)),
    ...scripts.flatMap((file) => commentsOf(file, read(file)).flatMap((comment) => citationsIn(file, comment, folders))),
    ...files.filter((file) => file.endsWith('.prisma')).flatMap((file) => schemaComments(read(file)).flatMap((comment) => citationsIn(file, comment, folders))),
  ];
}

/** A path is read from the repository's root, or from the citing file's folder (a Markdown link, `histories/` beside its README). */
function resolves({ cited, by }: Citation, basenames: Set<string>): boolean {
  if (notRepositoryFiles.some(({ pattern }) => pattern.test(cited))) return true;
  if (!cited.includes('/')) return basenames.has(cited);
  return [root, path.join(root, path.dirname(by))].some((base) => {
    const target = path.resolve(base, cited);
    const inside = !path.relative(root, target).startsWith('..');
    return inside && existsSync(target);
  });
}

/** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. */
const anchorOf = (heading: string) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');

function anchorsIn(markdown: string): Set<string> {
  const outsideCode = markdown.replace(/^```[\s\S]*?^```/gm, '');
  return new Set([...outsideCode.matchAll(/^#{1,6} (.+)$/gm)].map(([, heading = '']) => anchorOf(heading)));
}

/** Links to a heading (`security.md#who-may-do-what`, `#laga-kraft`) whose page has no such heading. */
function brokenAnchors(file: string, markdown: string, read: (file: string) => string): string[] {
  return [...markdown.matchAll(/\]\(([^()\s#]*\.md)?#([^()\s]+)\)/g)]
    .filter(([, page, anchor = '']) => {
      const target = page ? path.join(path.dirname(file), page) : file;
      return !anchorsIn(read(target)).has(anchor);
    })
    .map(([, page = '', anchor]) => `${file}: ${page}#${anchor}`);
}

describe('the paths that comments and docs name', () => {
  it('when a comment, the README or a page of docs/ names a repository path, then that path exists', () => {
    const basenames = new Set(repositoryFiles().map((file) => path.basename(file)));
    const citations = allCitations();
    expect(citations.length).toBeGreaterThan(100);
    const missing = citations.filter((citation) => !resolves(citation, basenames)).map(({ cited, by }) => `${by}: ${cited}`);
    expect([...new Set(missing)]).toEqual([]);
  });

  it('when a comment names a file that is not there, then the check finds it', () => {
    const basenames = new Set(['decide.ts']);
    const comments = commentsOf('x.ts', "// See workflows/policy.ts and DOMAIN.md section 3.\nconst a = '// not/a-comment.ts';\n/** And ../shared/ENVIRONMENT.md. */\n");
    const cited = comments.flatMap((comment) => citationsIn('x.ts', comment, new Set(['workflows'])));
    expect(cited.map((c) => c.cited).sort()).toEqual(['../shared/ENVIRONMENT.md', 'DOMAIN.md', 'workflows/policy.ts']);
    expect(cited.filter((c) => resolves(c, basenames))).toEqual([]);
    expect(resolves({ cited: 'domain/decide.ts', by: 'x.ts' }, basenames)).toBe(true);
    expect(resolves({ cited: '.data/postgres/', by: 'README.md' }, basenames)).toBe(true);
  });

  it('when a doc links to a heading of a page, then the page has that heading', () => {
    const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
    const docs = repositoryFiles().filter((file) => file === 'README.md' || /^docs\/[^/]+\.md$/.test(file));
    expect(docs.flatMap((file) => brokenAnchors(file, read(file), read))).toEqual([]);

    const pages: Record<string, string> = { 'docs/a.md': '# A\n\n## What `npm start` brings up\n\n[up](#what-npm-start-brings-up), [gone](b.md#laga-kraft)\n', 'docs/b.md': '# B\n\n## Laga\n' };
    expect(brokenAnchors('docs/a.md', pages['docs/a.md'] ?? '', (file) => pages[file] ?? '')).toEqual(['docs/a.md: b.md#laga-kraft']);
  });
});
