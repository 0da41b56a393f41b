import { createCheckpoint } from './checkpoints';
import { buildAuditDeps } from './deps';

const deps = buildAuditDeps();

/**
 * EventBridge schedule target: signs the heads of all chains. Not itself audited (it would add a
 * record to the trail every run); the checkpoint in the table and the locked bucket is the record.
 */
export const handler = async (): Promise<{ id: string }> => {
  const checkpoint = await createCheckpoint(deps);
  deps.logger.info('audit checkpoint signed', {
    id: checkpoint.id,
    chains: checkpoint.chains.map((c) => `${c.chain}:${c.seq}`).join(' '),
  });
  return { id: checkpoint.id };
};
