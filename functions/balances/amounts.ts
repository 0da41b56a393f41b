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
 * The largest movement in minor units (10^27: a billion billion BTC). Balances are DynamoDB
 * numbers, which hold 38 significant digits; a bound this far below keeps every sum of
 * movements representable instead of failing the write with a 500.
 */
export const MAX_MOVEMENT_MINOR = 10n ** 27n;

/**
 * A decimal string in `asset`'s minor units, or a VALIDATION_ERROR naming `field`: too many
 * decimals for the asset, beyond `MAX_MOVEMENT_MINOR`, or (unless `signed`) not greater than
 * zero, or zero when signed.
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
  if (value > MAX_MOVEMENT_MINOR || -value > MAX_MOVEMENT_MINOR) {
    throw fieldError(field, 'Is too large');
  }
  return value;
}
