import {
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GetPublicKeyCommand,
  KMSClient,
  ListAliasesCommand,
  SignCommand,
  VerifyCommand,
  type DescribeKeyCommandInput,
} from '@aws-sdk/client-kms';
import { spawn } from 'node:child_process';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { startKmsServer, type KmsServer } from '../../infra/local/kms/kms-server';

const utf8 = (text: string) => new TextEncoder().encode(text);
const kmsError = (name: string) => expect.objectContaining({ name });

/** The real SDK client; without `endpoint` it finds the server through AWS_ENDPOINT_URL_KMS. */
function kmsClient(endpoint?: string): KMSClient {
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  return new KMSClient({ ...(endpoint && { endpoint }), region: 'us-east-1', credentials });
}

let dir: string;
let server: KmsServer;
let kms: KMSClient;
let vaultKeyArn: string;
let signingKeyArn: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'local-kms-'));
  server = await startKmsServer({ port: 0, dataFile: join(dir, 'kms.json') });
  kms = kmsClient(server.endpoint);
  const vault = await kms.send(new CreateKeyCommand({ Description: 'vault' }));
  vaultKeyArn = vault.KeyMetadata!.Arn!;
  await kms.send(new CreateAliasCommand({ AliasName: 'alias/vault', TargetKeyId: vaultKeyArn }));
  const signing = await kms.send(
    new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }),
  );
  signingKeyArn = signing.KeyMetadata!.Arn!;
});

afterAll(async () => {
  kms?.destroy();
  await server?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('keys and aliases', () => {
  it('describes a key by its alias with the metadata KMS returns', async () => {
    const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId: 'alias/vault' }));

    expect(KeyMetadata).toMatchObject({
      Arn: vaultKeyArn,
      KeyId: vaultKeyArn.split('/')[1],
      KeySpec: 'SYMMETRIC_DEFAULT',
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeyState: 'Enabled',
      Enabled: true,
      Description: 'vault',
      EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
    });
    expect(KeyMetadata!.CreationDate).toBeInstanceOf(Date);
    expect(vaultKeyArn).toMatch(/^arn:aws:kms:us-east-1:000000000000:key\/[0-9a-f-]{36}$/);
  });

  it('resolves the same key from its id, key ARN and alias ARN', async () => {
    const keyId = vaultKeyArn.split('/')[1]!;
    const aliasArn = 'arn:aws:kms:us-east-1:000000000000:alias/vault';

    const arns = await Promise.all(
      [keyId, vaultKeyArn, aliasArn].map(async (KeyId) => {
        const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId }));
        return KeyMetadata!.Arn;
      }),
    );

    expect(arns).toEqual([vaultKeyArn, vaultKeyArn, vaultKeyArn]);
  });

  it('lists the alias with its target key', async () => {
    const { Aliases } = await kms.send(new ListAliasesCommand({ KeyId: vaultKeyArn }));

    expect(Aliases).toEqual([
      expect.objectContaining({ AliasName: 'alias/vault', TargetKeyId: vaultKeyArn.split('/')[1] }),
    ]);
  });

  it('rejects a duplicate alias with AlreadyExistsException', async () => {
    const create = kms.send(
      new CreateAliasCommand({ AliasName: 'alias/vault', TargetKeyId: signingKeyArn }),
    );

    await expect(create).rejects.toThrow(kmsError('AlreadyExistsException'));
  });

  it('rejects an unknown alias with NotFoundException', async () => {
    const describe = kms.send(new DescribeKeyCommand({ KeyId: 'alias/missing' }));

    await expect(describe).rejects.toThrow(kmsError('NotFoundException'));
  });

  it('rejects a request without its required KeyId with ValidationException', async () => {
    const describe = kms.send(new DescribeKeyCommand({} as DescribeKeyCommandInput));

    await expect(describe).rejects.toThrow(kmsError('ValidationException'));
  });
});

describe('envelope encryption', () => {
  const context = { userId: 'u-1', purpose: 'exchange-secret' };
  const encryptSecret = (EncryptionContext?: Record<string, string>) =>
    kms.send(
      new EncryptCommand({ KeyId: vaultKeyArn, Plaintext: utf8('secret'), EncryptionContext }),
    );

  it('decrypts a generated data key to the same plaintext', async () => {
    const generated = await kms.send(
      new GenerateDataKeyCommand({
        KeyId: 'alias/vault',
        KeySpec: 'AES_256',
        EncryptionContext: context,
      }),
    );

    const decrypted = await kms.send(
      new DecryptCommand({ CiphertextBlob: generated.CiphertextBlob, EncryptionContext: context }),
    );

    expect(generated.Plaintext).toHaveLength(32);
    expect(decrypted.Plaintext).toEqual(generated.Plaintext);
    expect(decrypted.KeyId).toBe(vaultKeyArn);
  });

  it('round-trips Encrypt and Decrypt whatever the order of the context keys', async () => {
    const { CiphertextBlob } = await encryptSecret(context);

    const { Plaintext } = await kms.send(
      new DecryptCommand({
        CiphertextBlob,
        KeyId: 'alias/vault',
        EncryptionContext: { purpose: 'exchange-secret', userId: 'u-1' },
      }),
    );

    expect(new TextDecoder().decode(Plaintext)).toBe('secret');
  });

  it.each([
    ['a wrong context', { ...context, userId: 'u-2' }],
    ['no context', undefined],
    ['an extra context pair', { ...context, extra: 'x' }],
  ])('rejects Decrypt with %s as InvalidCiphertextException', async (_, EncryptionContext) => {
    const { CiphertextBlob } = await encryptSecret(context);

    const decrypt = kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext }));

    await expect(decrypt).rejects.toThrow(kmsError('InvalidCiphertextException'));
  });

  it('rejects a tampered blob as InvalidCiphertextException', async () => {
    const { CiphertextBlob } = await encryptSecret();
    const tampered = Uint8Array.from(CiphertextBlob!);
    tampered[tampered.length - 1]! ^= 0x01;

    const decrypt = kms.send(new DecryptCommand({ CiphertextBlob: tampered }));

    await expect(decrypt).rejects.toThrow(kmsError('InvalidCiphertextException'));
  });

  it('rejects Decrypt naming another key than the blob with IncorrectKeyException', async () => {
    const other = await kms.send(new CreateKeyCommand({}));
    const { CiphertextBlob } = await encryptSecret();

    const decrypt = kms.send(new DecryptCommand({ CiphertextBlob, KeyId: other.KeyMetadata!.Arn }));

    await expect(decrypt).rejects.toThrow(kmsError('IncorrectKeyException'));
  });

  it('rejects Encrypt with a signing key as InvalidKeyUsageException', async () => {
    const encrypt = kms.send(new EncryptCommand({ KeyId: signingKeyArn, Plaintext: utf8('x') }));

    await expect(encrypt).rejects.toThrow(kmsError('InvalidKeyUsageException'));
  });
});

describe('signatures', () => {
  const message = utf8('checkpoint 42');
  const digest = createHash('sha256').update(message).digest();
  const ecdsa = (Message: Uint8Array, MessageType: 'RAW' | 'DIGEST' = 'RAW') => ({
    KeyId: signingKeyArn,
    SigningAlgorithm: 'ECDSA_SHA_256' as const,
    Message,
    MessageType,
  });

  it('verifies its own signature', async () => {
    const { Signature } = await kms.send(new SignCommand(ecdsa(message)));

    const result = await kms.send(new VerifyCommand({ ...ecdsa(message), Signature }));

    expect(result.SignatureValid).toBe(true);
  });

  it('rejects a signature over a tampered message with KMSInvalidSignatureException', async () => {
    const { Signature } = await kms.send(new SignCommand(ecdsa(message)));

    const verifyCall = kms.send(new VerifyCommand({ ...ecdsa(utf8('checkpoint 43')), Signature }));

    await expect(verifyCall).rejects.toThrow(kmsError('KMSInvalidSignatureException'));
  });

  it('verifies a signature of the raw message against its SHA-256 digest', async () => {
    const { Signature } = await kms.send(new SignCommand(ecdsa(message)));

    const result = await kms.send(new VerifyCommand({ ...ecdsa(digest, 'DIGEST'), Signature }));

    expect(result.SignatureValid).toBe(true);
  });

  it('produces DER ECDSA signatures that node:crypto verifies with the GetPublicKey key', async () => {
    const raw = await kms.send(new SignCommand(ecdsa(message)));
    const overDigest = await kms.send(new SignCommand(ecdsa(digest, 'DIGEST')));

    const { PublicKey } = await kms.send(new GetPublicKeyCommand({ KeyId: signingKeyArn }));
    const publicKey = createPublicKey({
      key: Buffer.from(PublicKey!),
      format: 'der',
      type: 'spki',
    });

    expect(verify('sha256', message, publicKey, raw.Signature!)).toBe(true);
    expect(verify('sha256', message, publicKey, overDigest.Signature!)).toBe(true);
  });
});

describe('persistence and process', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('keeps keys in a 0600 data file that a restarted server decrypts with', async () => {
    const file = join(dir, 'restart.json');
    const first = await startKmsServer({ port: 0, dataFile: file });
    const firstClient = kmsClient(first.endpoint);
    const key = await firstClient.send(new CreateKeyCommand({}));
    const { CiphertextBlob } = await firstClient.send(
      new EncryptCommand({ KeyId: key.KeyMetadata!.Arn, Plaintext: utf8('survives') }),
    );
    firstClient.destroy();
    await first.close();

    const second = await startKmsServer({ port: 0, dataFile: file });
    const secondClient = kmsClient(second.endpoint);
    const { Plaintext } = await secondClient.send(new DecryptCommand({ CiphertextBlob }));
    secondClient.destroy();
    await second.close();

    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(new TextDecoder().decode(Plaintext)).toBe('survives');
  });

  it('serves a zero-config KMSClient through AWS_ENDPOINT_URL_KMS', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL_KMS', server.endpoint);
    const zeroConfig = kmsClient();

    const { KeyMetadata } = await zeroConfig.send(new DescribeKeyCommand({ KeyId: 'alias/vault' }));
    zeroConfig.destroy();

    expect(KeyMetadata!.Arn).toBe(vaultKeyArn);
  });

  it('refuses to bind a non-loopback address', async () => {
    const start = startKmsServer({ port: 0, host: '0.0.0.0' });

    await expect(start).rejects.toThrow(/loopback only/);
  });

  it('answers GET /health for the launcher', async () => {
    const response = await fetch(`${server.endpoint}/health`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('runs as a child process that stops with exit code 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/kms/main.ts'], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      env: { ...process.env, KMS_PORT: '0' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    onTestFinished(() => {
      if (child.exitCode === null) child.kill('SIGKILL');
    });
    const [line] = (await once(child.stdout, 'data')) as [Buffer];
    const endpoint = /listening on (\S+)/.exec(line.toString())?.[1];
    const health = await fetch(`${endpoint}/health`);

    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];

    expect(health.status).toBe(200);
    expect(code).toBe(0);
  });
});
