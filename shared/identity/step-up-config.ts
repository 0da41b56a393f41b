import { z } from 'zod';

/**
 * What a deployable needs to verify step-up codes: the Users table (the enrolment item) and the
 * MFA key its secrets are sealed under. Both come from the route's grants.
 */
export const stepUpConfigSchema = z.object({
  USERS_TABLE: z.string().min(1),
  MFA_KEY_ID: z.string().min(1),
});
export type StepUpConfig = z.infer<typeof stepUpConfigSchema>;
