import { z } from 'zod';
import { startKmsServer } from './kms-server';
import { closeOnShutdown } from '../child';

/*
 * Runs the local KMS as a child process: `KMS_PORT=4599 npx tsx infra/local/kms/main.ts`.
 * Prints one line when listening; SIGTERM, SIGINT or the end of the launcher stop it cleanly.
 */

const envSchema = z.object({
  KMS_PORT: z
    .string({ error: 'KMS_PORT is required (a TCP port, 0 for any free port)' })
    .regex(/^\d{1,5}$/, 'KMS_PORT must be a port number')
    .transform(Number)
    .pipe(z.number().max(65535, 'KMS_PORT must be at most 65535')),
  KMS_DATA_FILE: z.string().min(1, 'KMS_DATA_FILE must not be empty when set').optional(),
  AWS_REGION: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'AWS_REGION must look like us-east-1')
    .default('us-east-1'),
});

const env = envSchema.safeParse(process.env);
if (!env.success) {
  console.error(`local KMS: invalid environment\n${z.prettifyError(env.error)}`);
  process.exit(1);
}

const { KMS_PORT: port, KMS_DATA_FILE: dataFile, AWS_REGION: region } = env.data;
const server = await startKmsServer({ port, dataFile, region }).catch((error: unknown) => {
  console.error('local KMS: failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
console.log(
  `local KMS listening on ${server.endpoint} (${dataFile === undefined ? 'in memory' : `data file ${dataFile}`})`,
);

closeOnShutdown(() => server.close());
