import {
  CreateAliasCommand,
  CreateKeyCommand,
  DescribeKeyCommand,
  type KMSClient,
} from '@aws-sdk/client-kms';
import { keyList, type KeyDefinition } from '../../definitions/keys';

const findKeyArn = async (client: KMSClient, alias: string): Promise<string | undefined> => {
  try {
    return (await client.send(new DescribeKeyCommand({ KeyId: alias }))).KeyMetadata?.Arn;
  } catch (error) {
    if ((error as Error).name === 'NotFoundException') return undefined;
    throw error;
  }
};

const createKey = async (client: KMSClient, key: KeyDefinition): Promise<string> => {
  const created = await client.send(
    new CreateKeyCommand({ KeySpec: key.spec, KeyUsage: key.usage, Description: key.description }),
  );
  const metadata = created.KeyMetadata;
  if (metadata?.KeyId === undefined || metadata.Arn === undefined) {
    throw new Error(`CreateKey returned no key id for ${key.alias}`);
  }
  await client.send(new CreateAliasCommand({ AliasName: key.alias, TargetKeyId: metadata.KeyId }));
  return metadata.Arn;
};

/**
 * Provisions every key of `infra/definitions/keys.ts` on the local KMS, idempotently (found by
 * alias, else created and aliased). Returns each key's `envVar` → its key ARN.
 */
export const provisionKeys = async (
  client: KMSClient,
  keys: readonly KeyDefinition[] = keyList,
): Promise<Record<string, string>> => {
  const entries = await Promise.all(
    keys.map(async (key) => {
      const arn = (await findKeyArn(client, key.alias)) ?? (await createKey(client, key));
      return [key.envVar, arn] as const;
    }),
  );
  return Object.fromEntries(entries);
};
