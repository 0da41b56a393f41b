import { randomUUID, createPrivateKey } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { AliasRecord, KeyRecord } from './key-record';

/** Everything the endpoint must remember across restarts. */
export interface StoreSnapshot {
  readonly keys: readonly KeyRecord[];
  readonly aliases: readonly AliasRecord[];
}

const base = {
  id: z.uuid(),
  description: z.string(),
  createdAt: z.iso.datetime(),
  /** Base64: the raw 32-byte secret, or the PKCS#8 DER private key. */
  material: z.base64(),
};

const fileSchema = z.object({
  version: z.literal(1),
  keys: z.array(
    z.discriminatedUnion('spec', [
      z.object({
        ...base,
        spec: z.literal('SYMMETRIC_DEFAULT'),
        usage: z.literal('ENCRYPT_DECRYPT'),
      }),
      z.object({ ...base, spec: z.literal('ECC_NIST_P256'), usage: z.literal('SIGN_VERIFY') }),
    ]),
  ),
  aliases: z.array(
    z.object({
      name: z.string().startsWith('alias/'),
      targetKeyId: z.uuid(),
      createdAt: z.iso.datetime(),
    }),
  ),
});

type DataFile = z.infer<typeof fileSchema>;

function toFile(snapshot: StoreSnapshot): DataFile {
  return {
    version: 1,
    keys: snapshot.keys.map((key) => {
      const common = {
        id: key.id,
        description: key.description,
        createdAt: key.createdAt.toISOString(),
      };
      return key.spec === 'SYMMETRIC_DEFAULT'
        ? { ...common, spec: key.spec, usage: key.usage, material: key.secret.toString('base64') }
        : {
            ...common,
            spec: key.spec,
            usage: key.usage,
            material: key.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
          };
    }),
    aliases: snapshot.aliases.map((alias) => ({
      ...alias,
      createdAt: alias.createdAt.toISOString(),
    })),
  };
}

function fromFile(data: DataFile): StoreSnapshot {
  return {
    keys: data.keys.map((key): KeyRecord => {
      const common = {
        id: key.id,
        description: key.description,
        createdAt: new Date(key.createdAt),
      };
      const material = Buffer.from(key.material, 'base64');
      return key.spec === 'SYMMETRIC_DEFAULT'
        ? { ...common, spec: key.spec, usage: key.usage, secret: material }
        : {
            ...common,
            spec: key.spec,
            usage: key.usage,
            privateKey: createPrivateKey({ key: material, format: 'der', type: 'pkcs8' }),
          };
    }),
    aliases: data.aliases.map((alias) => ({ ...alias, createdAt: new Date(alias.createdAt) })),
  };
}

/**
 * Reads the data file; `undefined` when it does not exist yet. A file that exists but does not
 * parse is an error: silently starting empty would orphan every ciphertext made before.
 */
export async function loadSnapshot(file: string): Promise<StoreSnapshot | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`KMS data file ${file} is not valid JSON`, { cause: error });
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`KMS data file ${file} is invalid: ${z.prettifyError(parsed.error)}`);
  }
  return fromFile(parsed.data);
}

/**
 * Writes the data file atomically: a private temp file (0600, it holds key material) in the same
 * directory, flushed to disk, then renamed over the old one, so readers and crashes see either
 * the old or the new content, never a torn file.
 */
export async function saveSnapshot(file: string, snapshot: StoreSnapshot): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${randomUUID()}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    try {
      await handle.writeFile(`${JSON.stringify(toFile(snapshot), null, 2)}\n`, 'utf8');
      await handle.chmod(0o600);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
