import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendMail, mailboxFile, readMailbox } from '../../../shared/mail/mailbox';

describe('local mailbox', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mailbox-test-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('returns no messages for an address that never received mail', async () => {
    // Act
    const messages = await readMailbox(dir, 'nobody@example.test');
    // Assert
    expect(messages).toEqual([]);
  });

  it('returns messages oldest first, whatever the case of the address', async () => {
    // Arrange
    await appendMail(dir, {
      to: 'Ann@Example.test',
      type: 'VERIFICATION',
      code: '111111',
      sent_at: '2026-01-01T00:00:00.000Z',
    });
    await appendMail(dir, {
      to: 'ann@example.test',
      type: 'PASSWORD_RESET',
      code: '222222',
      subject: 'Reset',
      sent_at: '2026-01-01T00:01:00.000Z',
    });
    // Act
    const messages = await readMailbox(dir, 'ANN@example.TEST');
    // Assert
    expect(messages).toEqual([
      { type: 'VERIFICATION', code: '111111', sent_at: '2026-01-01T00:00:00.000Z' },
      {
        type: 'PASSWORD_RESET',
        code: '222222',
        subject: 'Reset',
        sent_at: '2026-01-01T00:01:00.000Z',
      },
    ]);
  });

  it.each(['../../etc/passwd', '..', 'a/b@c', `${'x'.repeat(300)}@example.test`, ''])(
    'keeps the address %j inside the mailbox directory',
    (address) => {
      // Act
      const file = mailboxFile(dir, address);
      // Assert
      expect(dirname(file)).toBe(dir);
      expect(file.length - dir.length).toBeLessThan(255);
    },
  );

  it('keeps every line whole when many messages are appended at once', async () => {
    // Arrange
    const sends = Array.from({ length: 50 }, (_, i) =>
      appendMail(dir, {
        to: 'busy@example.test',
        type: 'MFA',
        code: String(i).padStart(6, '0'),
        sent_at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      }),
    );
    // Act
    await Promise.all(sends);
    const messages = await readMailbox(dir, 'busy@example.test');
    // Assert
    expect(messages).toHaveLength(50);
    expect(new Set(messages.map((message) => message.code)).size).toBe(50);
  });

  it('skips a torn or foreign line instead of failing the mailbox', async () => {
    // Arrange
    await appendMail(dir, {
      to: 'torn@example.test',
      type: 'INVITATION',
      sent_at: '2026-01-01T00:00:00.000Z',
    });
    await appendFile(mailboxFile(dir, 'torn@example.test'), '{"type":"VERIFIC\n{"type":"SPAM"}\n');
    // Act
    const messages = await readMailbox(dir, 'torn@example.test');
    // Assert
    expect(messages).toEqual([
      { type: 'INVITATION', code: null, sent_at: '2026-01-01T00:00:00.000Z' },
    ]);
  });
});
