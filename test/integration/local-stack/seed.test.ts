import { DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { stat } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { keyList } from '../../../infra/definitions/keys';
import { tables } from '../../../infra/definitions/tables';
import { markets } from '../../../shared/domain/markets';
import { localAdmin, localEnv } from '../../support/local-stack';

const documents = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const kms = new KMSClient({});

describe('seeded data', () => {
  it('seeds every market of the registry into the Trading table, in snake_case', async () => {
    // Act
    const { Items = [] } = await documents.send(
      new QueryCommand({
        TableName: localEnv()[tables.trading.envVar]!,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'MARKET' },
      }),
    );
    // Assert
    expect(Items).toEqual(
      expect.arrayContaining(
        markets.map((market) =>
          expect.objectContaining({
            sk: `MARKET#${market.symbol}`,
            symbol: market.symbol,
            base: market.base,
            quote: market.quote,
            tick_size: market.tickSize,
            lot_size: market.lotSize,
            min_notional: market.minNotional,
            status: market.status,
          }),
        ),
      ),
    );
  });

  it('writes the admin credentials file readable by its owner only', async () => {
    // Arrange
    const file = localEnv()['LOCAL_CREDENTIALS_FILE']!;
    // Act
    const [admin, info] = await Promise.all([localAdmin(), stat(file)]);
    // Assert
    expect(info.mode & 0o777).toBe(0o600);
    expect(admin.email).toMatch(/@/);
    expect(admin.password.length).toBeGreaterThanOrEqual(12);
  });

  it.each(keyList)('creates the $alias key and passes its ARN in $envVar', async (key) => {
    // Act
    const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: key.alias }));
    // Assert
    expect(KeyMetadata?.Arn).toBe(localEnv()[key.envVar]);
    expect(KeyMetadata?.KeyUsage).toBe(key.usage);
    expect(KeyMetadata?.KeySpec).toBe(key.spec);
  });
});
