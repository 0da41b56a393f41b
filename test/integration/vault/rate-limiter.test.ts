import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { dynamoRateLimiter } from '../../../functions/keys/dynamo-rate-limiter';
import { clients, rateLimitsTable } from './support';

describe('the DynamoDB fixed-window rate limiter', () => {
  it('grants exactly the limit under 120 concurrent takes, atomically', async () => {
    const limiter = dynamoRateLimiter(clients.documents, rateLimitsTable());
    const bucket = `test#${randomUUID()}`;
    const now = new Date('2026-03-01T12:00:30.000Z');

    const decisions = await Promise.all(
      Array.from({ length: 120 }, () => limiter.consume(bucket, 50, 60, now)),
    );

    expect(decisions.filter((d) => d.allowed)).toHaveLength(50);
    expect(decisions.filter((d) => !d.allowed).every((d) => d.resetSeconds === 30)).toBe(true);
    const { Item } = await clients.documents.send(
      new GetCommand({
        TableName: rateLimitsTable(),
        Key: { pk: `${bucket}#${Date.parse('2026-03-01T12:00:00.000Z') / 1000}` },
      }),
    );
    expect(Item).toMatchObject({
      count: 50,
      expires_at: Date.parse('2026-03-01T12:02:00Z') / 1000,
    });
  });

  it('counts down the remaining budget and starts afresh in the next window', async () => {
    const limiter = dynamoRateLimiter(clients.documents, rateLimitsTable());
    const bucket = `test#${randomUUID()}`;

    const first = await limiter.consume(bucket, 2, 60, new Date('2026-03-01T12:00:01Z'));
    const second = await limiter.consume(bucket, 2, 60, new Date('2026-03-01T12:00:02Z'));
    const third = await limiter.consume(bucket, 2, 60, new Date('2026-03-01T12:00:03Z'));
    const nextWindow = await limiter.consume(bucket, 2, 60, new Date('2026-03-01T12:01:00Z'));

    expect([first.remaining, second.remaining]).toEqual([1, 0]);
    expect(third).toMatchObject({ allowed: false, remaining: 0, resetSeconds: 57 });
    expect(nextWindow).toMatchObject({ allowed: true, remaining: 1, resetSeconds: 60 });
  });
});
