/** The parsed answer of a call to the local API, as an app would see it. */
export interface ApiAnswer {
  readonly status: number;
  readonly headers: Headers;
  // Tests read arbitrary JSON shapes; assertions check them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly body: any;
}

/** fetch + JSON parse (body is `null` when empty or not JSON). */
export async function call(url: string, init: RequestInit = {}): Promise<ApiAnswer> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown = null;
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: response.status, headers: response.headers, body };
}
