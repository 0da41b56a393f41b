// @ts-check
import tseslint from 'typescript-eslint';

/**
 * The dependency rule of DESIGN §2, enforced:
 * - the engine imports nothing outside itself;
 * - use cases (any functions/ file that is not a handler, deps, adapter) never import @aws-sdk;
 * - only adapters (`*-repository.ts`, `*-queue.ts`, `dynamo-*`, `sqs-*`, `kms-*`, `cognito-*`,
 *   `aws-*`, files under `adapters/` or `shared/aws/`) import the AWS SDK;
 * - shared/ imports nothing from the deployables.
 */
const awsSdk = { group: ['@aws-sdk/*'], message: 'Only adapters import the AWS SDK (DESIGN §2).' };
const deployables = {
  group: ['**/functions/**', '**/matching-service/**', '**/infra/**'],
  message: 'shared/ imports nothing from the deployables (DESIGN §2).',
};

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.local/', 'dist/', 'test/bench/results/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['matching-service/src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\./)',
              message:
                'The engine is pure: it imports only its own files (no SDK, zod, logger, node APIs).',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'Date',
        'process',
        'console',
        'setTimeout',
        'setInterval',
        'performance',
        'crypto',
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'The engine is deterministic.' },
      ],
    },
  },
  {
    files: ['functions/**/*.ts', 'matching-service/src/**/*.ts'],
    ignores: [
      '**/*.handler.ts',
      '**/deps.ts',
      '**/main.ts',
      '**/adapters/**',
      '**/dynamo-*.ts',
      '**/sqs-*.ts',
      '**/kms-*.ts',
      '**/cognito-*.ts',
      '**/aws-*.ts',
      'matching-service/src/engine/**',
    ],
    rules: { 'no-restricted-imports': ['error', { patterns: [awsSdk] }] },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/aws/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [awsSdk, deployables] }] },
  },
  {
    files: ['shared/aws/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [deployables] }] },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
