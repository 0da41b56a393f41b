import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * A DocumentClient for money and market data: numbers come back wrapped and become `bigint`
 * in the shared item schemas, never floats. It has a base client of its own, because
 * `DocumentClient.from()` stores its options on the base client's shared config.
 */
export function moneyDocuments(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
    unmarshallOptions: { wrapNumbers: true },
  });
}
