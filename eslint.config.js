// @ts-check
import tseslint from 'typescript-eslint';

// Node built-ins are forbidden in workflow code: it runs in Temporal's deterministic sandbox and
// must not do I/O. The list is the modules a workflow author might reach for by habit.
const nodeBuiltins = [
  'assert',
  'buffer',
  'child_process',
  'cluster',
  'crypto',
  'dgram',
  'dns',
  'events',
  'fs',
  'fs/promises',
  'http',
  'http2',
  'https',
  'net',
  'os',
  'path',
  'process',
  'readline',
  'stream',
  'timers',
  'tls',
  'url',
  'util',
  'worker_threads',
  'zlib',
];

// The simulator is a package of its own (packages/simulator). The product (src/) never loads it: it
// plays the remote site, so a product import would ship a fake or hide a missing client. Tests,
// scripts and bench use it through what its package.json exports, never its files.
const simulatorPackage = {
  group: ['**/packages/simulator', '**/packages/simulator/**'],
  message: 'Import the simulator by its package name, @hci-bringup/simulator (its public API).',
};
const simulatorDeepImport = {
  regex: '^@hci-bringup/simulator/(?!(testing|program)$)',
  message: 'Only @hci-bringup/simulator, /testing and /program are its public API.',
};
const productNoSimulator = {
  group: [
    '@hci-bringup/simulator',
    '@hci-bringup/simulator/**',
    '**/packages/simulator',
    '**/packages/simulator/**',
  ],
  message: 'The product never imports the simulator; only tests, scripts and bench drive it.',
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'packages/*/dist/**',
      'node_modules/**',
      '.cache/**',
      'bin/**',
      'eslint.config.js',
      'scripts/*.mjs',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          // node:test's describe/it return promises the runner itself tracks.
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite'] },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [simulatorPackage, simulatorDeepImport] }],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [productNoSimulator] }],
    },
  },
  {
    files: ['src/workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'Workflow code must be deterministic: no Node built-ins.',
          })),
          patterns: [
            productNoSimulator,
            { group: ['node:*'], message: 'Workflow code must be deterministic: no Node built-ins.' },
            {
              group: ['**/activities/*', '**/activities/**'],
              allowTypeImports: true,
              message: 'Workflow code may import activity types only (import type).',
            },
            {
              group: ['**/activities/index.js'],
              message:
                "Proxy the stage's own activities: import its folder's type (activities/<stage>/index.js).",
            },
          ],
        },
      ],
      // Every proxy is typed with a stage's declared activities and takes a preset's options.
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.name="proxyActivities"] > TSTypeParameterInstantiation > TSTypeQuery',
          message: "Proxy the stage's declared activity type (e.g. PrepareActivities), not typeof a module.",
        },
        {
          selector: 'CallExpression[callee.name="proxyActivities"] > ObjectExpression',
          message: 'Take the options from a preset in src/workflows/activity-options.ts.',
        },
        {
          selector:
            'Property[key.name=/^(startToCloseTimeout|scheduleToCloseTimeout|heartbeatTimeout|maximumAttempts|nonRetryableErrorTypes)$/]',
          message: 'Activity options and retry policies live in src/workflows/activity-options.ts.',
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Workflow code has no process; pass settings in the workflow input.' },
        { name: 'setInterval', message: 'Use sleep() from @temporalio/workflow.' },
      ],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    files: ['src/workflows/activity-options.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
