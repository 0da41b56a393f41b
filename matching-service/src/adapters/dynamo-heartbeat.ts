import { PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { HEARTBEAT_PK, type HeartbeatItem } from '../../../shared/contracts/heartbeat';
import type { HeartbeatWriter } from '../ports';

/** Writes this instance's heartbeat item, naming its shard, into the Journal table. */
export class DynamoHeartbeat implements HeartbeatWriter {
  private readonly startedAt: string;

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly instance: { readonly instanceId: string; readonly shard: string },
    private readonly now: () => Date,
  ) {
    this.startedAt = now().toISOString();
  }

  async beat(state: { commandsProcessed: number }): Promise<void> {
    const at = this.now();
    const item: HeartbeatItem = {
      pk: HEARTBEAT_PK,
      sk: `matching#${this.instance.instanceId}`,
      instance_id: this.instance.instanceId,
      shard: this.instance.shard,
      at: at.toISOString(),
      started_at: this.startedAt,
      commands_processed: state.commandsProcessed,
      expires_at: Math.floor(at.getTime() / 1000) + 24 * 3600,
    };
    await this.db.send(new PutCommand({ TableName: this.tableName, Item: item }));
  }
}
