import { randomBytes, randomUUID } from 'node:crypto';
import { loadSnapshot, saveSnapshot } from './data-file';
import { KmsError } from './errors';
import { LOCAL_ACCOUNT, type AliasRecord, type KeyRecord } from './key-record';
import { generateSigningKey } from './signing';

/** Where the store lives: the region in its ARNs and, optionally, the file that persists it. */
export interface KeyStoreOptions {
  readonly region: string;
  readonly dataFile?: string | undefined;
}

/** The key specs this endpoint can create. */
export type SupportedKeySpec = KeyRecord['spec'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Keys and aliases of one local KMS, the single owner of their state. Every mutation is written
 * to the data file before it is acknowledged, so an answered CreateKey survives a crash.
 */
export class KeyStore {
  private readonly keys = new Map<string, KeyRecord>();
  private readonly aliases = new Map<string, AliasRecord>();
  private writes: Promise<void> = Promise.resolve();

  private constructor(
    private readonly region: string,
    private readonly dataFile: string | undefined,
  ) {}

  /** Opens a store, loading the data file when there is one. */
  static async open(options: KeyStoreOptions): Promise<KeyStore> {
    const store = new KeyStore(options.region, options.dataFile);
    const snapshot =
      options.dataFile === undefined ? undefined : await loadSnapshot(options.dataFile);
    for (const key of snapshot?.keys ?? []) store.keys.set(key.id, key);
    for (const alias of snapshot?.aliases ?? []) store.aliases.set(alias.name, alias);
    return store;
  }

  private get arnPrefix(): string {
    return `arn:aws:kms:${this.region}:${LOCAL_ACCOUNT}:`;
  }

  /** `arn:aws:kms:<region>:000000000000:key/<uuid>`, the KeyId that KMS responses carry. */
  keyArn(key: KeyRecord | string): string {
    return `${this.arnPrefix}key/${typeof key === 'string' ? key : key.id}`;
  }

  /** `arn:aws:kms:<region>:000000000000:alias/<name>`. */
  aliasArn(aliasName: string): string {
    return `${this.arnPrefix}${aliasName}`;
  }

  /** Creates a key with fresh material. */
  async createKey(spec: SupportedKeySpec, description: string): Promise<KeyRecord> {
    const common = { id: randomUUID(), description, createdAt: new Date() };
    const key: KeyRecord =
      spec === 'SYMMETRIC_DEFAULT'
        ? { ...common, spec, usage: 'ENCRYPT_DECRYPT', secret: randomBytes(32) }
        : { ...common, spec, usage: 'SIGN_VERIFY', privateKey: generateSigningKey() };
    this.keys.set(key.id, key);
    await this.persistOrUndo(() => this.keys.delete(key.id));
    return key;
  }

  /** Points a new alias at a key; an alias name is never silently re-pointed. */
  async createAlias(aliasName: string, target: KeyRecord): Promise<AliasRecord> {
    if (this.aliases.has(aliasName)) {
      throw new KmsError(
        'AlreadyExistsException',
        `An alias with the name ${this.aliasArn(aliasName)} already exists`,
      );
    }
    const alias = { name: aliasName, targetKeyId: target.id, createdAt: new Date() };
    this.aliases.set(aliasName, alias);
    await this.persistOrUndo(() => this.aliases.delete(aliasName));
    return alias;
  }

  /**
   * Finds a key by any identifier KMS accepts: key id, key ARN, alias name or alias ARN.
   * Anything else, or an identifier of another region, is a `NotFoundException`.
   */
  resolve(keyId: string): KeyRecord {
    const reference = keyId.startsWith('arn:') ? this.stripArn(keyId) : keyId;
    if (reference.startsWith('alias/')) {
      const alias = this.aliases.get(reference);
      if (alias === undefined) {
        throw new KmsError('NotFoundException', `Alias ${this.aliasArn(reference)} is not found.`);
      }
      return this.byId(alias.targetKeyId);
    }
    if (!UUID.test(reference)) throw new KmsError('NotFoundException', `Invalid keyId '${keyId}'`);
    return this.byId(reference);
  }

  /** The key a ciphertext names, or `undefined` when this store never had it. */
  find(id: string): KeyRecord | undefined {
    return this.keys.get(id);
  }

  /** All aliases, sorted by name so pagination is stable. */
  listAliases(): AliasRecord[] {
    return [...this.aliases.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  }

  /** Resolves once every acknowledged change is on disk (used on shutdown). */
  flush(): Promise<void> {
    return this.writes;
  }

  private stripArn(arn: string): string {
    if (!arn.startsWith(this.arnPrefix))
      throw new KmsError('NotFoundException', `Invalid arn ${arn}`);
    const resource = arn.slice(this.arnPrefix.length);
    if (resource.startsWith('key/')) return resource.slice('key/'.length);
    if (resource.startsWith('alias/')) return resource;
    throw new KmsError('NotFoundException', `Invalid arn ${arn}`);
  }

  private byId(id: string): KeyRecord {
    const key = this.keys.get(id);
    if (key === undefined) {
      throw new KmsError('NotFoundException', `Key '${this.keyArn(id)}' does not exist`);
    }
    return key;
  }

  /**
   * Queues a write of the current state after any write in flight, so files land in order and
   * the last one always holds the latest state; undoes the in-memory change if it fails.
   */
  private async persistOrUndo(undo: () => void): Promise<void> {
    const file = this.dataFile;
    if (file === undefined) return;
    const write = this.writes.then(() =>
      saveSnapshot(file, { keys: [...this.keys.values()], aliases: [...this.aliases.values()] }),
    );
    this.writes = write.catch(() => undefined);
    try {
      await write;
    } catch (error) {
      undo();
      throw error;
    }
  }
}
