import {
  decrypt,
  encrypt,
  generateDataKey,
  generateDataKeyWithoutPlaintext,
  sign,
  verify,
} from './crypto-operations';
import { KmsError } from './errors';
import { createAlias, createKey, describeKey, getPublicKey, listAliases } from './key-operations';
import type { KeyStore } from './key-store';

type Operation = (store: KeyStore, body: unknown) => object | Promise<object>;

const operations: Readonly<Record<string, Operation>> = {
  CreateKey: createKey,
  DescribeKey: describeKey,
  CreateAlias: createAlias,
  ListAliases: listAliases,
  GetPublicKey: getPublicKey,
  GenerateDataKey: generateDataKey,
  GenerateDataKeyWithoutPlaintext: generateDataKeyWithoutPlaintext,
  Encrypt: encrypt,
  Decrypt: decrypt,
  Sign: sign,
  Verify: verify,
};

const TARGET_PREFIX = 'TrentService.';

/**
 * Runs the operation named by an `X-Amz-Target: TrentService.<Operation>` header on a parsed
 * JSON body. Anything else is an `UnknownOperationException`, as KMS answers.
 */
export async function dispatch(
  store: KeyStore,
  target: string | undefined,
  body: unknown,
): Promise<object> {
  const name = target?.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
  const operation =
    name === undefined || !Object.hasOwn(operations, name) ? undefined : operations[name];
  if (operation === undefined) {
    throw new KmsError(
      'UnknownOperationException',
      `Unknown operation ${target ?? '(no X-Amz-Target)'}`,
    );
  }
  return operation(store, body);
}
