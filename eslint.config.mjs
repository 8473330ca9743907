import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const SERVICES = ['registry', 'qualification-review', 'online-course-filing', 'enforcement', 'public-list'];
const SERVICE_PACKAGES = [
  {
    group: SERVICES.map((name) => `@jianguan/${name}`),
    message: 'A service or lib must not import a service: share through libs/ or through events.',
  },
];
// The root package's folders, which a workspace package cannot reach without leaving itself.
const ROOT_FOLDERS = {
  regex: '^(\\.\\./){2,}(scripts|e2e)/',
  message: "A workspace package must not import the root package's scripts or tests: make it a package.",
};
const GATEWAY = { group: ['@jianguan/gateway'], message: 'Only scripts and tests import the gateway.' };
const TOOLS = {
  group: ['@jianguan/tools', '@jianguan/tools/**'],
  message: 'The data generators are not deployed: only tests, scripts, bench and e2e import @jianguan/tools.',
};
const crossPackage = [
  {
    group: ['@jianguan/*/src/**', '@jianguan/*/test/**'],
    message: 'Import the package by name (what its index exports), not a file inside it.',
  },
  {
    regex: '^(\\.\\./)+(services|libs|gateway)/',
    message: 'A relative import must not leave its package: import the package by name.',
  },
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Boundaries: services and the gateway are deployed alone, so none imports another; libs serve them
  // all and import none of them; nothing reaches into another package's src/ (import it by name and
  // use what its index exports). Cycles are checked by madge (.madgerc) in `pnpm run lint`.
  {
    files: ['services/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [...crossPackage, ...SERVICE_PACKAGES, ROOT_FOLDERS] }],
    },
  },
  // What runs in production (a service's or the gateway's src, and the libs) does not import the data
  // generators of tools/; a service's tests may.
  {
    files: ['services/*/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...crossPackage, ...SERVICE_PACKAGES, ROOT_FOLDERS, TOOLS] },
      ],
    },
  },
  {
    files: ['libs/**/*.ts', 'gateway/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...crossPackage, ...SERVICE_PACKAGES, GATEWAY, ROOT_FOLDERS, TOOLS] },
      ],
    },
  },
  // The generators import no service (services' tests use them); their commands use the services'
  // file writers.
  {
    files: ['tools/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...crossPackage, ...SERVICE_PACKAGES, GATEWAY, ROOT_FOLDERS] },
      ],
    },
  },
  {
    files: ['bench/**/*.ts', 'gateway/scripts/**/*.ts', 'gateway/test/**/*.ts', 'tools/commands/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...crossPackage, ROOT_FOLDERS] }] },
  },
  {
    files: ['scripts/**/*.ts', 'deploy/**/*.ts', 'e2e/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: crossPackage }] },
  },
  // Functions that read in one sitting: over 80 lines needs a reason written at its top
  // (`// eslint-disable-next-line max-lines-per-function -- <why>`). Tests' describe blocks are not held to it.
  {
    files: [
      'services/*/src/**/*.ts',
      'libs/*/src/**/*.ts',
      'gateway/src/**/*.ts',
      'federation/src/**/*.ts',
      'deploy/src/**/*.ts',
      'bench/src/**/*.ts',
      'tools/src/**/*.ts',
      'scripts/*.ts',
      'scripts/demo/**/*.ts',
    ],
    rules: {
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
  {
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
);
