import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KMSClient } from '@aws-sdk/client-kms';
import { SQSClient } from '@aws-sdk/client-sqs';

/** The region and dummy credentials every local client and child process uses. */
export const localRegion = 'us-east-1';
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

/** Base URLs of the running emulators. */
export interface LocalEndpoints {
  readonly dynamodb: string;
  readonly sqs: string;
  readonly cognito: string;
  readonly kms: string;
}

/** The real AWS SDK v3 clients, pointed at the emulators. */
export interface LocalClients {
  readonly dynamodb: DynamoDBClient;
  readonly sqs: SQSClient;
  readonly cognito: CognitoIdentityProviderClient;
  readonly kms: KMSClient;
  destroy(): void;
}

/**
 * Clients for provisioning and seeding. They get explicit endpoints and credentials so the
 * launcher works whatever the user's shell exports; the SQS client must not send requests to
 * the queue URL's host (`sqs.us-east-1.localhost` does not resolve).
 */
export const localClients = (endpoints: LocalEndpoints): LocalClients => {
  const common = { region: localRegion, credentials: localCredentials };
  const clients = {
    dynamodb: new DynamoDBClient({ ...common, endpoint: endpoints.dynamodb }),
    sqs: new SQSClient({ ...common, endpoint: endpoints.sqs, useQueueUrlAsEndpoint: false }),
    cognito: new CognitoIdentityProviderClient({ ...common, endpoint: endpoints.cognito }),
    kms: new KMSClient({ ...common, endpoint: endpoints.kms }),
  };
  return {
    ...clients,
    destroy: () => Object.values(clients).forEach((client) => client.destroy()),
  };
};
