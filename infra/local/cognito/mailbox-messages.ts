import type { Messages } from 'cognito-local/lib/services/messages';
import { appendMail, type MailType } from '../../../shared/mail/mailbox';

type MessageSource = Parameters<Messages['deliver']>[1];

const typeOfSource: Readonly<Record<MessageSource, MailType>> = {
  SignUp: 'VERIFICATION',
  ResendCode: 'VERIFICATION',
  VerifyUserAttribute: 'VERIFICATION',
  UpdateUserAttribute: 'VERIFICATION',
  ForgotPassword: 'PASSWORD_RESET',
  AdminCreateUser: 'INVITATION',
  Authentication: 'MFA',
};

const subjects: Readonly<Record<MailType, string>> = {
  VERIFICATION: 'Your verification code',
  PASSWORD_RESET: 'Your password reset code',
  INVITATION: 'Your temporary password',
  MFA: 'Your sign-in code',
};

/**
 * cognito-local's message delivery, redirected from its console box to the local mailbox so the
 * API's `GET /local/mailbox/{email}` and the tests can read codes. The source is known at this
 * level only (its `MessageSender` never sees it), hence a `Messages` rather than a sender.
 * No Lambda triggers run locally, so the CustomMessage/CustomEmailSender paths are not needed.
 */
export class MailboxMessages implements Messages {
  constructor(private readonly mailboxDir: string) {}

  async deliver(...args: Parameters<Messages['deliver']>): Promise<void> {
    const [ctx, source, , , user, code, , delivery] = args;
    if (delivery.DeliveryMedium !== 'EMAIL') {
      ctx.logger.warn({ source }, 'SMS delivery is not emulated; message dropped');
      return;
    }
    const type = typeOfSource[source];
    await appendMail(this.mailboxDir, {
      to: delivery.Destination,
      type,
      code,
      subject: subjects[type],
      sent_at: new Date().toISOString(),
    });
    ctx.logger.debug({ username: user.Username, type }, 'message written to the local mailbox');
  }
}
