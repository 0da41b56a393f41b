import { Logger } from '@aws-lambda-powertools/logger';
import { redactingReplacer } from './redact';

export type { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one structured logger per deployable. Secret-named keys are redacted at any depth by the
 * JSON replacer, so a careless `logger.info('x', { password })` still writes nothing secret.
 * Level from `LOG_LEVEL` (Powertools reads it), default INFO.
 */
export function createLogger(serviceName: string): Logger {
  return new Logger({ serviceName, jsonReplacerFn: redactingReplacer });
}
