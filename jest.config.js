/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest'],
    // The register's pages (api/register/pages/), with React's automatic runtime as tsconfig.json's "jsx" has it.
    '^.+\\.tsx$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } }],
    '^.+/node_modules/(jose|openid-client|oauth4webapi)/.+\\.js$': ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  // jose and openid-client are published as ES modules only; Jest's module system needs them as CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!(jose|openid-client|oauth4webapi)/)'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFiles: ['<rootDir>/test/support/quiet-temporal.ts'],
  // Tests share one Temporal server and one database per run; two cores do not gain from more.
  maxWorkers: 1,
  // The whole suite in one process came near Node's 4 GB heap and once ran out (what each suite loads
  // stays in the module registry): a worker that holds more than this after a file is started afresh.
  workerIdleMemoryLimit: '1.5GB',
  testTimeout: 60_000,
};
