/** One jest run for the whole workspace; each test file gets its own database and queue prefix. */
const fs = require('node:fs');
const swcrc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swcrc.$schema;

module.exports = {
  testEnvironment: 'node',
  roots: [
    '<rootDir>/libs',
    '<rootDir>/services',
    '<rootDir>/gateway',
    '<rootDir>/scripts',
    '<rootDir>/deploy',
    '<rootDir>/e2e',
  ],
  testMatch: ['**/test/**/*.test.ts', '<rootDir>/e2e/**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcrc, swcrc: false }] },
  globalSetup: '<rootDir>/scripts/test-global-setup.ts',
  globalTeardown: '<rootDir>/scripts/test-global-teardown.ts',
  testTimeout: 60000,
};
