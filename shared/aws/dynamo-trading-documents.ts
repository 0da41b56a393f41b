import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * The DocumentClient every Trading-table and MarketData-table adapter uses, in the API and in
 * the matching service: numbers come back wrapped (`wrapNumbers: true`, a `NumberValue` holding
 * the exact digits) and are turned into `bigint` by the item schemas, so no balance ever passes
 * through a float — USDT at 8 decimals passes 2^53 minor units at about 90 million. `bigint`
 * values are written as DynamoDB numbers as is.
 *
 * It needs a DynamoDBClient of its own ({@link tradingDynamoClient}): `DocumentClient.from()`
 * stores its translate options on the base client's shared `config`, so a second document
 * client over `clients.dynamodb` (the audit writer's, identity's) would silently switch the
 * other one's number handling.
 */
export function tradingDocuments(dynamodb: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(dynamodb, {
    marshallOptions: { removeUndefinedValues: true },
    unmarshallOptions: { wrapNumbers: true },
  });
}

/**
 * The base client for {@link tradingDocuments}: built once per cold start by a composition
 * root, zero-config like `createAwsClients()` (region, credentials, endpoint from the env).
 */
export function tradingDynamoClient(): DynamoDBClient {
  return new DynamoDBClient({});
}
