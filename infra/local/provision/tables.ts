import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  type AttributeDefinition,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import {
  tableList,
  type GlobalIndexDefinition,
  type TableDefinition,
} from '../../definitions/tables';

const keySchema = (partitionKey: string, sortKey?: string): KeySchemaElement[] => [
  { AttributeName: partitionKey, KeyType: 'HASH' },
  ...(sortKey === undefined ? [] : [{ AttributeName: sortKey, KeyType: 'RANGE' as const }]),
];

const indexKeys = (index: GlobalIndexDefinition): string[] =>
  index.sortKey === undefined ? [index.partitionKey] : [index.partitionKey, index.sortKey];

/** Every key attribute of the table and its indexes, once each; all keys are strings. */
const attributeDefinitions = (
  table: TableDefinition,
  indexes: readonly GlobalIndexDefinition[],
): AttributeDefinition[] => {
  const names = new Set([
    table.partitionKey,
    ...(table.sortKey === undefined ? [] : [table.sortKey]),
    ...indexes.flatMap(indexKeys),
  ]);
  return [...names].map((name) => ({ AttributeName: name, AttributeType: 'S' }));
};

const globalIndex = (index: GlobalIndexDefinition): GlobalSecondaryIndex => ({
  IndexName: index.name,
  KeySchema: keySchema(index.partitionKey, index.sortKey),
  Projection: { ProjectionType: 'ALL' },
});

const describe = async (
  client: DynamoDBClient,
  name: string,
): Promise<TableDescription | undefined> => {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: name }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
};

const keyText = (keys: readonly KeySchemaElement[]): string =>
  keys.map((key) => `${key.AttributeName}:${key.KeyType}`).join(',');

const sameKeys = (actual: readonly KeySchemaElement[] | undefined, table: TableDefinition) =>
  keyText(actual ?? []) === keyText(keySchema(table.partitionKey, table.sortKey));

/**
 * A table persisted by an earlier run keeps its data; an index added to the definitions since
 * is created on it, while a changed primary key cannot be migrated and asks for `--fresh`.
 */
const reconcile = async (
  client: DynamoDBClient,
  table: TableDefinition,
  existing: TableDescription,
): Promise<void> => {
  if (!sameKeys(existing.KeySchema, table)) {
    throw new Error(
      `table ${table.id} in the local data has a different key schema than infra/definitions/tables.ts; restart with --fresh`,
    );
  }
  const present = new Set((existing.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  for (const index of table.globalIndexes.filter((candidate) => !present.has(candidate.name))) {
    await client.send(
      new UpdateTableCommand({
        TableName: table.id,
        AttributeDefinitions: attributeDefinitions(table, [index]),
        GlobalSecondaryIndexUpdates: [{ Create: globalIndex(index) }],
      }),
    );
  }
};

const ensureTimeToLive = async (client: DynamoDBClient, table: TableDefinition): Promise<void> => {
  if (table.ttlAttribute === undefined) return;
  const current = await client.send(new DescribeTimeToLiveCommand({ TableName: table.id }));
  const status = current.TimeToLiveDescription?.TimeToLiveStatus;
  if (status === 'ENABLED' || status === 'ENABLING') return;
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: table.id,
      TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true },
    }),
  );
};

/** Creates (or reconciles) one table: on-demand billing, GSIs projecting ALL, TTL when defined. */
export const provisionTable = async (
  client: DynamoDBClient,
  table: TableDefinition,
): Promise<void> => {
  const existing = await describe(client, table.id);
  if (existing === undefined) {
    await client.send(
      new CreateTableCommand({
        TableName: table.id,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: keySchema(table.partitionKey, table.sortKey),
        AttributeDefinitions: attributeDefinitions(table, table.globalIndexes),
        ...(table.globalIndexes.length === 0
          ? {}
          : { GlobalSecondaryIndexes: table.globalIndexes.map(globalIndex) }),
      }),
    );
  } else {
    await reconcile(client, table, existing);
  }
  await ensureTimeToLive(client, table);
};

/**
 * Provisions every table of `infra/definitions/tables.ts`, idempotently.
 * Returns each table's `envVar` → its (local) table name.
 */
export const provisionTables = async (
  client: DynamoDBClient,
  tables: readonly TableDefinition[] = tableList,
): Promise<Record<string, string>> => {
  await Promise.all(tables.map((table) => provisionTable(client, table)));
  return Object.fromEntries(tables.map((table) => [table.envVar, table.id]));
};
