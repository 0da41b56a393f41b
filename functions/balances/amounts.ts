import { ValidationError, type FieldError } from '../../shared/domain/errors';
import { findAsset, type Asset } from '../../shared/domain/markets';
import { DecimalFormatError, parseDecimal } from '../../shared/domain/money';

/** A VALIDATION_ERROR about one body field. */
export const fieldError = (field: string, message: string): ValidationError =>
  new ValidationError([{ field, in: 'body', message } satisfies FieldError]);

/** The listed asset named by `field`, or a VALIDATION_ERROR naming it. */
export function assetField(field: string, code: string): Asset {
  const asset = findAsset(code);
  if (asset === undefined) throw fieldError(field, 'Unknown asset');
  return asset;
}

/**
 * A decimal string in `asset`'s minor units, or a VALIDATION_ERROR naming `field`: too many
 * decimals for the asset, or (unless `signed`) not greater than zero, or zero when signed.
 */
export function amountField(field: string, text: string, asset: Asset, signed = false): bigint {
  let value: bigint;
  try {
    value = parseDecimal(text, asset.precision, signed);
  } catch (error) {
    if (error instanceof DecimalFormatError) throw fieldError(field, error.message);
    throw error;
  }
  if (signed ? value === 0n : value <= 0n) {
    throw fieldError(field, signed ? 'Must not be zero' : 'Must be greater than zero');
  }
  return value;
}
