// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'http', 'http2', 'https', 'net', 'os', 'path', 'perf_hooks', 'process', 'stream', 'timers', 'tls', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib'];

export default tseslint.config(
  { ignores: ['node_modules/', '.data/', '.tools/', 'prisma/generated/', 'coverage/', 'dist/', 'web/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['**/*.{js,mjs,cjs}'], languageOptions: { globals: globals.node } },
  { files: ['**/*.cjs', 'jest.config.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests read loosely typed JSON responses.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Workflow code, and the domain it runs, is replayed and must stay deterministic: no I/O, no Node built-ins, no clocks
    // or randomness but the SDK's own.
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.flatMap((name) => [name, `node:${name}`]).map((name) => ({ name, message: 'Workflow code must not import Node built-ins.' })),
            { name: 'nodemailer', message: 'Send e-mail from an activity.' },
            { name: 'pg', message: 'Reach the database from an activity.' },
            { name: '@prisma/client', message: 'Reach the database from an activity.' },
            { name: '@temporalio/client', message: 'Use @temporalio/workflow inside workflows.' },
            { name: '@temporalio/worker', message: 'Use @temporalio/workflow inside workflows.' },
            { name: '@temporalio/activity', message: 'Use @temporalio/workflow inside workflows.' },
          ],
          patterns: [
            { group: ['node:*'], message: 'Workflow code must not import Node built-ins.' },
            { group: ['**/platform/*', '**/prisma/*', '**/api/*', '**/api/**'], message: 'Workflow code must not reach I/O modules.' },
            { group: ['**/activities', '**/activities/*'], allowTypeImports: true, message: 'Import activities as types only, through proxyActivities.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' }, { name: 'setInterval', message: 'Use sleep() in a loop.' }, { name: 'fetch', message: 'Do I/O in an activity.' }],
    },
  },
  {
    // The records' room: every SQL statement of the read model is written in records/, and everything
    // else reaches PostgreSQL through Prisma's model API or a function of records/ (README, "Records").
    files: ['api/**/*.ts', 'activities/**/*.ts', 'events/**/*.ts', 'platform/**/*.ts', 'worker/**/*.ts'],
    ignores: ['platform/database.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'MemberExpression[property.name=/^\\$(queryRaw|executeRaw)(Unsafe)?$/]', message: 'Write SQL in records/.' },
        { selector: "MemberExpression[property.name='pool']", message: 'Write SQL in records/: the pg pool is theirs.' },
        { selector: "MemberExpression[object.name='Prisma'][property.name=/^(sql|raw|join)$/]", message: 'Write SQL in records/.' },
      ],
      'no-restricted-imports': ['error', { paths: [{ name: 'pg', message: 'Write SQL in records/.' }] }],
    },
  },
  {
    // The domain is pure: the workflow runs it, and so do the API and the tests, with no Temporal at all.
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "ImportDeclaration[source.value=/^@temporalio\\u002F/]", message: 'The domain is pure: Temporal belongs in workflows/.' }],
    },
  },
);
