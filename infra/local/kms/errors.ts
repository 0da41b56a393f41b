/**
 * The exception names this endpoint answers with. They are the real KMS names, so the SDK maps
 * each to the same error class (or, for the unmodelled ones, the same `name`) as against AWS.
 */
export type KmsErrorType =
  | 'AlreadyExistsException'
  | 'IncorrectKeyException'
  | 'InvalidCiphertextException'
  | 'InvalidKeyUsageException'
  | 'InvalidMarkerException'
  | 'KMSInternalException'
  | 'KMSInvalidSignatureException'
  | 'NotAuthorizedException'
  | 'NotFoundException'
  | 'SerializationException'
  | 'UnknownOperationException'
  | 'UnsupportedOperationException'
  | 'ValidationException';

/**
 * A failure the wire protocol reports as `{"__type": type, "message": message}`; thrown anywhere
 * below the HTTP layer, which alone turns it into a response.
 */
export class KmsError extends Error {
  constructor(
    readonly type: KmsErrorType,
    message: string,
    readonly status: number = 400,
  ) {
    super(message);
    this.name = type;
  }
}

/** Rejects a blob that cannot be opened, with one message whatever the reason (as KMS does). */
export function invalidCiphertext(): KmsError {
  return new KmsError(
    'InvalidCiphertextException',
    'The ciphertext is invalid or was tampered with.',
  );
}
