import { totpStepUpVerifier, type StepUpVerifier } from '../identity/step-up';
import type { AwsClients } from './clients';
import { dynamoTotpEnrolments } from './dynamo-totp-enrolments';
import { kmsTotpDataKeys } from './kms-totp-data-keys';

/**
 * The step-up verifier of a deployable that was granted read-write on the Users table and
 * `kms:Decrypt` on the MFA key (purpose `totp`): the enrolment item, the key, the system clock.
 */
export function createTotpStepUp(
  clients: AwsClients,
  config: { readonly USERS_TABLE: string; readonly MFA_KEY_ID: string },
): StepUpVerifier {
  return totpStepUpVerifier({
    enrolments: dynamoTotpEnrolments(clients.documents, config.USERS_TABLE),
    dataKeys: kmsTotpDataKeys(clients.kms, config.MFA_KEY_ID),
    clock: { now: () => new Date() },
  });
}
