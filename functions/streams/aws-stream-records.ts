import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import type { ChangeRecord } from './fanout';

type Image = Record<string, AttributeValue>;

/** `arn:…:table/<name>/stream/<label>` → `<name>`. */
export const tableOfArn = (arn: string | undefined): string | undefined =>
  /:table\/([^/]+)\/stream\//.exec(arn ?? '')?.[1];

const image = (raw: unknown): Record<string, unknown> | undefined =>
  raw === undefined ? undefined : unmarshall(raw as Image, { wrapNumbers: true });

/**
 * DynamoDB stream records (Lambda's event shape, which the local poller reproduces) as change
 * records of a known table; records of other tables are dropped. Numbers stay exact
 * (`wrapNumbers`), as the item schemas expect.
 */
export function changeRecordsOf(
  records: readonly DynamoDBRecord[],
  tableNames: Readonly<Record<string, string>>,
): ChangeRecord[] {
  const byName = new Map(Object.entries(tableNames).map(([source, name]) => [name, source]));
  return records.flatMap((record): ChangeRecord[] => {
    const source = byName.get(tableOfArn(record.eventSourceARN) ?? '');
    const keys = image(record.dynamodb?.Keys);
    if (source === undefined || keys === undefined || record.eventName === undefined) return [];
    return [
      {
        source: source as ChangeRecord['source'],
        id: record.eventID ?? `${record.dynamodb?.SequenceNumber}`,
        eventName: record.eventName,
        keys: { pk: String(keys['pk']), sk: String(keys['sk']) },
        newImage: image(record.dynamodb?.NewImage),
        oldImage: image(record.dynamodb?.OldImage),
      },
    ];
  });
}
