import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { CHECKPOINT_PK } from '../../shared/audit/audit-item';
import { checkpointFromBody } from './checkpoints';
import type { CheckpointStore, SignedCheckpoint } from './ports';

const itemSchema = z.object({ body: z.string(), signature: z.string() });

/**
 * Checkpoints in the Audit table under one partition (`pk=CHECKPOINT`, `sk=<id>`, ids sort by
 * time). Only the signed body and the signature are stored; every other field is read back out
 * of the body, so nothing unsigned can be slipped in beside it.
 */
export class DynamoCheckpointStore implements CheckpointStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async save(checkpoint: SignedCheckpoint): Promise<void> {
    await this.documents.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: CHECKPOINT_PK,
          sk: checkpoint.id,
          body: checkpoint.body,
          signature: checkpoint.signature,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async list(
    limit: number,
    before?: string,
  ): Promise<{ items: SignedCheckpoint[]; before?: string }> {
    const { Items = [], LastEvaluatedKey } = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: before === undefined ? 'pk = :pk' : 'pk = :pk AND sk < :before',
        ExpressionAttributeValues: {
          ':pk': CHECKPOINT_PK,
          ...(before === undefined ? {} : { ':before': before }),
        },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    const items = Items.flatMap((item) => {
      const parsed = itemSchema.safeParse(item);
      if (!parsed.success) return [];
      try {
        return [checkpointFromBody(parsed.data.body, parsed.data.signature)];
      } catch {
        return [];
      }
    });
    const last = Items[Items.length - 1];
    return LastEvaluatedKey === undefined || last === undefined
      ? { items }
      : { items, before: String(last['sk']) };
  }
}
