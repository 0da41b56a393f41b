import type { NoticeType } from './mailbox';

/** A notice the API sends on its own (Cognito mails its codes itself). */
export interface Notice {
  readonly to: string;
  readonly type: NoticeType;
  readonly subject: string;
  /** Plain text; never a secret, a token or a password. */
  readonly text: string;
}

/**
 * The port through which the API mails people: the local mailbox in local mode
 * (`fileMailer`), Amazon SES v2 in AWS (`functions/users/aws-ses-mailer.ts`).
 */
export interface Mailer {
  send(notice: Notice): Promise<void>;
}

/**
 * The notice to an address's owner when someone registers it again. The answer to the
 * registration is the same as for a new address (no enumeration); only the owner learns of it.
 */
export function accountExistsNotice(to: string): Notice {
  return {
    to,
    type: 'ACCOUNT_EXISTS',
    subject: 'Someone tried to sign up with your email address',
    text: [
      'Someone just tried to create an account with this email address, which already has one.',
      'If it was you, sign in instead, or reset your password if you forgot it.',
      'If it was not you, you can ignore this message: your account is unchanged.',
    ].join('\n'),
  };
}
