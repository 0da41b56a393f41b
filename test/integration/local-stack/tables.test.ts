import {
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { tableList, type TableDefinition } from '../../../infra/definitions/tables';
import { localEnv } from '../../support/local-stack';

const dynamodb = new DynamoDBClient({});

const keys = (partitionKey: string, sortKey?: string) => [
  { AttributeName: partitionKey, KeyType: 'HASH' },
  ...(sortKey === undefined ? [] : [{ AttributeName: sortKey, KeyType: 'RANGE' }]),
];

const describeTable = async (table: TableDefinition) => {
  const { Table } = await dynamodb.send(
    new DescribeTableCommand({ TableName: localEnv()[table.envVar]! }),
  );
  return Table!;
};

describe('provisioned tables', () => {
  it.each(tableList)('creates $id with the key schema of its definition', async (table) => {
    // Arrange
    const expected = keys(table.partitionKey, table.sortKey);
    // Act
    const described = await describeTable(table);
    // Assert
    expect(described.TableName).toBe(table.id);
    expect(described.KeySchema).toEqual(expected);
    expect(described.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
  });

  it.each(tableList)(
    'gives $id exactly the GSIs of its definition, projecting ALL',
    async (table) => {
      // Arrange
      const expected = table.globalIndexes.map((index) => ({
        name: index.name,
        keys: keys(index.partitionKey, index.sortKey),
        projection: 'ALL',
      }));
      // Act
      const described = await describeTable(table);
      // Assert
      const actual = (described.GlobalSecondaryIndexes ?? [])
        .map((index) => ({
          name: index.IndexName,
          keys: index.KeySchema,
          projection: index.Projection?.ProjectionType,
        }))
        .sort((a, b) => a.name!.localeCompare(b.name!));
      expect(actual).toEqual(expected);
    },
  );

  it.each(tableList)('sets the TTL of $id as its definition says', async (table) => {
    // Act
    const { TimeToLiveDescription } = await dynamodb.send(
      new DescribeTimeToLiveCommand({ TableName: table.id }),
    );
    // Assert
    if (table.ttlAttribute === undefined) {
      expect(TimeToLiveDescription?.TimeToLiveStatus).not.toBe('ENABLED');
    } else {
      expect(TimeToLiveDescription).toMatchObject({
        TimeToLiveStatus: 'ENABLED',
        AttributeName: table.ttlAttribute,
      });
    }
  });
});
