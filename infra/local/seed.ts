import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { randomInt } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { tables } from '../definitions/tables';
import { markets, type Market } from '../../shared/domain/markets';

/** The seeded admin's sign-in, as printed and stored in `credentials.json`. */
export interface AdminCredentials {
  readonly email: string;
  readonly password: string;
}

/** The seeded admin's email unless `LOCAL_ADMIN_EMAIL` says otherwise. */
export const defaultAdminEmail = 'admin@exchange.local';

/** The admin also trades, like every user (DESIGN §1: `trader` is everyone). */
export const adminGroups = ['admin', 'trader'] as const;

const lower = 'abcdefghijkmnopqrstuvwxyz';
const upper = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const digits = '23456789';
const symbols = '-_.@';

const pick = (alphabet: string): string => alphabet[randomInt(alphabet.length)]!;

/**
 * A 20-character password from the CSPRNG with every character class, starting with a letter
 * so it never looks like a command-line option when pasted.
 */
export const generatePassword = (length = 20): string => {
  const all = lower + upper + digits + symbols;
  const rest = [pick(lower), pick(upper), pick(digits), pick(symbols)];
  while (rest.length < length - 1) rest.push(pick(all));
  for (let i = rest.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [rest[i], rest[j]] = [rest[j]!, rest[i]!];
  }
  return pick(lower + upper) + rest.join('');
};

const readStored = async (file: string): Promise<Partial<AdminCredentials>> => {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as {
      admin?: Partial<AdminCredentials>;
    };
    const { email, password } = parsed.admin ?? {};
    return {
      ...(typeof email === 'string' ? { email } : {}),
      ...(typeof password === 'string' ? { password } : {}),
    };
  } catch {
    return {};
  }
};

/**
 * The admin's credentials: `LOCAL_ADMIN_EMAIL`/`LOCAL_ADMIN_PASSWORD` when set, else those of
 * the previous run (so the password stays stable across restarts), else the default email and a
 * freshly generated password.
 */
export const resolveAdminCredentials = async (
  credentialsFile: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<AdminCredentials> => {
  const stored = await readStored(credentialsFile);
  return {
    email: env.LOCAL_ADMIN_EMAIL || stored.email || defaultAdminEmail,
    password: env.LOCAL_ADMIN_PASSWORD || stored.password || generatePassword(),
  };
};

/** Writes `{"admin":{"email","password"}}`, readable by the owner only. */
export const writeCredentialsFile = async (
  file: string,
  admin: AdminCredentials,
): Promise<void> => {
  await writeFile(file, `${JSON.stringify({ admin }, null, 2)}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
};

const userExists = async (
  client: CognitoIdentityProviderClient,
  poolId: string,
  email: string,
): Promise<boolean> => {
  try {
    await client.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: email }));
    return true;
  } catch (error) {
    if ((error as Error).name === 'UserNotFoundException') return false;
    throw error;
  }
};

/**
 * Ensures the admin account: created with a verified email and no invitation mail, its
 * password set as permanent (so the printed credentials always work, also after an override
 * changed them) and its membership of `admin` and `trader`.
 */
export const seedAdmin = async (
  client: CognitoIdentityProviderClient,
  poolId: string,
  admin: AdminCredentials,
): Promise<void> => {
  if (!(await userExists(client, poolId, admin.email))) {
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: admin.email,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: admin.email },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    );
  }
  await client.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: poolId,
      Username: admin.email,
      Password: admin.password,
      Permanent: true,
    }),
  );
  for (const group of adminGroups) {
    await client.send(
      new AdminAddUserToGroupCommand({
        UserPoolId: poolId,
        Username: admin.email,
        GroupName: group,
      }),
    );
  }
};

const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A market as stored in the Trading table: `pk = MARKET`, `sk = MARKET#<symbol>`, snake_case. */
export const marketItem = (market: Market): Record<string, string> => ({
  pk: 'MARKET',
  sk: `MARKET#${market.symbol}`,
  ...Object.fromEntries(Object.entries(market).map(([key, value]) => [snakeCase(key), value])),
});

/**
 * Seeds the markets registry into the Trading table. An existing market item is left alone, so
 * a status changed at run time (a halt) survives a restart.
 */
export const seedMarkets = async (client: DynamoDBClient): Promise<void> => {
  const documents = DynamoDBDocumentClient.from(client);
  await Promise.all(
    markets.map(async (market) => {
      try {
        await documents.send(
          new PutCommand({
            TableName: tables.trading.id,
            Item: marketItem(market),
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        if ((error as Error).name !== 'ConditionalCheckFailedException') throw error;
      }
    }),
  );
};
