/** One attempt of the security suite and what the API answered. */
export interface Attempt {
  readonly category: string;
  readonly attempt: string;
  readonly expected: string;
  readonly outcome: string;
  readonly held: boolean;
}

const attempts: Attempt[] = [];

/** Records an attempt for the table; the test asserts on its own. */
export function record(
  category: string,
  attempt: string,
  expected: string,
  outcome: string,
  held: boolean,
): boolean {
  attempts.push({ category, attempt, expected, outcome, held });
  return held;
}

/** A status answer as the table shows it: `403 PERMISSION_DENIED`. */
export const outcomeOf = (answer: {
  status: number;
  body: { error?: { code?: string; details?: { reason?: string } } } | null;
}): string =>
  [answer.status, answer.body?.error?.code, answer.body?.error?.details?.reason]
    .filter((part) => part !== undefined)
    .join(' ');

/** The table of every attempt, in Markdown, as the README shows it. */
export function table(): string {
  const rows = attempts.map(
    (a) =>
      `| ${a.category} | ${a.attempt} | ${a.expected} | ${a.outcome} | ${a.held ? 'held' : 'FAILED'} |`,
  );
  return [
    '| OWASP API Top 10 (2023) | attempt | expected | outcome | result |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
