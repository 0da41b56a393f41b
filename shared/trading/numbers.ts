import { z } from 'zod';

/**
 * Numbers as the Trading table stores them. Balances and amounts are DynamoDB numbers written
 * from `bigint`; readers use the DocumentClient with `wrapNumbers: true`, so a number arrives as
 * a `NumberValue` (`{ value: "…" }`) and never passes through a float. These schemas accept that,
 * a `bigint`, or a safe integer (items written by hand), and hand out a `bigint`.
 */
const INTEGER = /^-?\d+$/;

export const storedBigInt = z
  .union([
    z.bigint(),
    z.number().int().refine(Number.isSafeInteger, 'Not a safe integer'),
    z.string().regex(INTEGER),
    z.object({ value: z.string().regex(INTEGER) }).transform((wrapped) => wrapped.value),
  ])
  .transform((value) => BigInt(value));

/** A small stored integer (counts, epoch seconds) as a `number`. */
export const storedInt = storedBigInt.pipe(
  z
    .bigint()
    .refine(
      (value) =>
        value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER),
    )
    .transform(Number),
);
