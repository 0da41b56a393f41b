import { createHash } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The local mailbox: in local mode no mail leaves the machine. Cognito's codes (and later our own
 * mail adapter's messages) are appended here, one JSON line per message in one file per address,
 * and `GET /local/mailbox/{email}` reads them back so apps and tests can finish sign-up and reset.
 */
export const mailTypes = ['VERIFICATION', 'PASSWORD_RESET', 'INVITATION', 'MFA'] as const;

/** What a message from Cognito is for; apps pick the code they need by type. */
export type MailType = (typeof mailTypes)[number];

/**
 * Notices the API itself sends (through the `Mailer` port), without a code: `ACCOUNT_EXISTS`
 * tells an address's owner that someone tried to register it again.
 */
export const noticeTypes = ['ACCOUNT_EXISTS'] as const;
export type NoticeType = (typeof noticeTypes)[number];

/** Every type a mailbox message can have. */
export type MailboxType = MailType | NoticeType;
const mailboxTypes: readonly string[] = [...mailTypes, ...noticeTypes];

/** A message as the mailbox returns it (the shape of `GET /local/mailbox/{email}` items). */
export interface MailMessage {
  readonly type: MailboxType;
  /** The code to type in, or null for a message without one. */
  readonly code: string | null;
  readonly subject?: string;
  /** ISO-8601 UTC. */
  readonly sent_at: string;
}

/** A message to deliver: a mailbox message plus its recipient. */
export interface OutgoingMail {
  readonly to: string;
  readonly type: MailboxType;
  readonly code?: string;
  readonly subject?: string;
  readonly sent_at: string;
}

const maxReadableName = 200;

/**
 * The file holding one address's messages. Addresses are case-insensitive; anything outside a
 * conservative character set is percent-encoded so no address can name a path outside `dir`, and
 * over-long names fall back to a hash to stay within file-name limits.
 */
export const mailboxFile = (dir: string, email: string): string => {
  const address = email.trim().toLowerCase();
  const readable = address.replace(
    /[^a-z0-9@._+-]/g,
    (char) => `%${char.codePointAt(0)!.toString(16).padStart(2, '0')}`,
  );
  const name =
    readable.length > 0 && readable.length <= maxReadableName
      ? readable
      : `sha256-${createHash('sha256').update(address).digest('hex')}`;
  return join(dir, `${name}.jsonl`);
};

/**
 * Appends one message to the recipient's mailbox. The line is written with a single append-mode
 * write, so concurrent writers (cognito-local's process and the API's) never interleave lines.
 */
export const appendMail = async (dir: string, mail: OutgoingMail): Promise<void> => {
  const message: MailMessage = {
    type: mail.type,
    code: mail.code ?? null,
    ...(mail.subject === undefined ? {} : { subject: mail.subject }),
    sent_at: mail.sent_at,
  };
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const handle = await open(mailboxFile(dir, mail.to), 'a', 0o600);
  try {
    await handle.write(`${JSON.stringify(message)}\n`);
  } finally {
    await handle.close();
  }
};

const isMailType = (value: unknown): value is MailboxType =>
  typeof value === 'string' && mailboxTypes.includes(value);

const parseLine = (line: string): MailMessage | undefined => {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { type, code, subject, sent_at: sentAt } = value as Record<string, unknown>;
  if (!isMailType(type) || typeof sentAt !== 'string') return undefined;
  if (code !== null && typeof code !== 'string') return undefined;
  return {
    type,
    code,
    ...(typeof subject === 'string' ? { subject } : {}),
    sent_at: sentAt,
  };
};

/**
 * Every message sent to `email`, oldest first; [] for an address that never received mail.
 * A torn or foreign line is skipped rather than failing the whole mailbox.
 */
export const readMailbox = async (dir: string, email: string): Promise<MailMessage[]> => {
  let text: string;
  try {
    text = await readFile(mailboxFile(dir, email), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map(parseLine)
    .filter((message): message is MailMessage => message !== undefined);
};
