import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { CheckpointArchive, SignedCheckpoint } from './ports';

/**
 * Writes each checkpoint once to the checkpoint bucket, whose default Object Lock retention in
 * compliance mode means nobody, the account root included, can delete or overwrite it until the
 * retention ends. `If-None-Match: *` refuses a second object under the same key.
 */
export class S3CheckpointArchive implements CheckpointArchive {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async put(checkpoint: SignedCheckpoint): Promise<void> {
    const day = checkpoint.at.slice(0, 10).replace(/-/g, '/');
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: `checkpoints/${day}/${checkpoint.id}.json`,
        Body: JSON.stringify(checkpoint),
        ContentType: 'application/json',
        ChecksumAlgorithm: 'SHA256',
        IfNoneMatch: '*',
      }),
    );
  }
}

/** Where there is no bucket (the local stack): the table copy is the only one. */
export const noArchive: CheckpointArchive = { put: async () => undefined };
