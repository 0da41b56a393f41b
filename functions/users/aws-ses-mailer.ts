import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { Mailer } from '../../shared/mail/mailer';

/**
 * The mailer in AWS: Amazon SES v2 from a verified sender identity (`MAIL_FROM`). It lives here,
 * not in `shared/mail/`, because only adapters may import the SDK; the port and the local
 * mailbox adapter are shared.
 */
export function sesMailer(client: SESv2Client, from: string): Mailer {
  return {
    async send(notice) {
      await client.send(
        new SendEmailCommand({
          FromEmailAddress: from,
          Destination: { ToAddresses: [notice.to] },
          Content: {
            Simple: {
              Subject: { Data: notice.subject, Charset: 'UTF-8' },
              Body: { Text: { Data: notice.text, Charset: 'UTF-8' } },
            },
          },
          EmailTags: [{ Name: 'type', Value: notice.type }],
        }),
      );
    },
  };
}
