import { createHash } from 'node:crypto';
import type { AuditLog } from '../../shared/audit/audit-log';
import type { AuditExportQuery } from '../../shared/contracts/audit';
import type { z } from 'zod';
import type { auditExportSchema } from '../../shared/contracts/audit';
import { recordAuditUse, type Caller } from './audit-reads';
import { SIGNING_ALGORITHM, findCheckpoints, signCanonical } from './checkpoints';
import { decodeCursor, describeFilters, encodeCursor, toFilter } from './filters';
import type { AuditReader, CheckpointSigner, CheckpointStore, Clock } from './ports';
import { renderRecords } from './render-export';

export type AuditExport = z.infer<typeof auditExportSchema>;

export interface ExportDeps {
  readonly reader: AuditReader;
  readonly store: CheckpointStore;
  readonly signer: CheckpointSigner;
  readonly audit: AuditLog;
  readonly clock: Clock;
}

/**
 * One page of an export (at most `limit` records, newest first) with a manifest signed by the
 * audit KMS key: the count, the first and last record hash, the SHA-256 of `content` exactly as
 * sent, the newest valid checkpoint and the public key. A long export is the pages of
 * `next_cursor`, each verifiable on its own, so no answer outgrows a Lambda response.
 */
export async function exportEvents(
  deps: ExportDeps,
  query: AuditExportQuery,
  caller: Caller,
): Promise<AuditExport> {
  const page = await deps.reader.list({
    filter: toFilter(query),
    limit: query.limit,
    ...(query.cursor === undefined ? {} : { before: decodeCursor(query.cursor) }),
  });
  const key = await deps.signer.publicKey();
  const { trusted } = await findCheckpoints(deps.store, key);
  const content = renderRecords(query.format, page.items);
  const manifest = {
    version: 1 as const,
    format: query.format,
    generated_at: deps.clock.now().toISOString(),
    filters: {
      ...describeFilters(query),
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
    },
    count: page.items.length,
    first_hash: page.items[0]?.hash ?? null,
    last_hash: page.items[page.items.length - 1]?.hash ?? null,
    content_sha256: createHash('sha256').update(content, 'utf8').digest('hex'),
    next_cursor: page.before === undefined ? null : encodeCursor(page.before),
    checkpoint: trusted ?? null,
    key_id: key.keyId,
    algorithm: SIGNING_ALGORITHM,
    public_key_pem: key.pem,
  } as const;
  const signature = await signCanonical(deps.signer, manifest);
  await recordAuditUse(deps.audit, caller, 'audit.exported', 'export', {
    format: query.format,
    filters: manifest.filters,
    count: manifest.count,
    content_sha256: manifest.content_sha256,
  });
  return { format: query.format, content, manifest, signature };
}
