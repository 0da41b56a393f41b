import { fileURLToPath } from 'node:url';

/**
 * The repository root, found from this file's location rather than the working directory, so
 * the CDK CLI, tests and scripts resolve handler entries and the Docker context identically.
 */
export const repositoryRoot: string = fileURLToPath(new URL('../..', import.meta.url));
