import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * AWS SDK v3 clients, built once per execution environment by a composition root and passed
 * into adapters. Zero-config: region, credentials and endpoints come from the environment, so
 * `AWS_ENDPOINT_URL_<SERVICE>` points the same code at the local stack.
 */
export interface AwsClients {
  readonly dynamodb: DynamoDBClient;
  readonly documents: DynamoDBDocumentClient;
  readonly sqs: SQSClient;
  readonly kms: KMSClient;
  readonly cognito: CognitoIdentityProviderClient;
}

/**
 * Lazily created clients: a function that never touches KMS never pays for its client.
 * `documents` keeps JS numbers; money needs `wrapNumbers`, and a second document client over
 * the same `dynamodb` client would overwrite this one's translate options (lib-dynamodb stores
 * them on the shared base config), so a context that reads money builds its own base client.
 * `useQueueUrlAsEndpoint: false` keeps SQS on the configured endpoint; without it, the local
 * emulator's queue URLs (`sqs.<region>.localhost`) would be dialled directly.
 */
export function createAwsClients(): AwsClients {
  const cache = new Map<string, unknown>();
  const once = <T>(key: string, build: () => T): T => {
    if (!cache.has(key)) cache.set(key, build());
    return cache.get(key) as T;
  };
  const clients: AwsClients = {
    get dynamodb() {
      return once('dynamodb', () => new DynamoDBClient({}));
    },
    get documents() {
      return once('documents', () =>
        DynamoDBDocumentClient.from(clients.dynamodb, {
          marshallOptions: { removeUndefinedValues: true },
        }),
      );
    },
    get sqs() {
      return once('sqs', () => new SQSClient({ useQueueUrlAsEndpoint: false }));
    },
    get kms() {
      return once('kms', () => new KMSClient({}));
    },
    get cognito() {
      return once('cognito', () => new CognitoIdentityProviderClient({}));
    },
  };
  return clients;
}
