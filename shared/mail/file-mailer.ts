import { appendMail } from './mailbox';
import type { Mailer, Notice } from './mailer';

/**
 * The local stack's mailer: notices land in the local mailbox beside Cognito's codes, where
 * `GET /local/mailbox/{email}` shows them. Nothing leaves the machine.
 */
export function fileMailer(mailboxDir: string, now: () => Date = () => new Date()): Mailer {
  return {
    async send(notice: Notice): Promise<void> {
      await appendMail(mailboxDir, {
        to: notice.to,
        type: notice.type,
        subject: notice.subject,
        sent_at: now().toISOString(),
      });
    },
  };
}
