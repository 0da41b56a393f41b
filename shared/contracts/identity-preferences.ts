import { z } from 'zod';
import { isoTimestamp } from './common';

const isTimeZone = (value: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
};

const emailNotifications = z.strictObject({
  security: z.boolean(),
  trading: z.boolean(),
  marketing: z.boolean(),
});
const pushNotifications = z.strictObject({
  trading: z.boolean(),
  price_alerts: z.boolean(),
});

/** A user's preferences, stored and answered as one validated document. */
export const preferencesSchema = z.strictObject({
  theme: z.enum(['light', 'dark', 'system']),
  /** BCP 47 language, e.g. `en` or `pt-BR`. */
  language: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'Must be a language tag such as en-GB'),
  /** IANA time zone, e.g. `Europe/Berlin`. */
  timezone: z.string().max(64).refine(isTimeZone, 'Must be an IANA time zone'),
  notifications: z.strictObject({ email: emailNotifications, push: pushNotifications }),
});
export type Preferences = z.infer<typeof preferencesSchema>;

/** What a user has before saving anything. */
export const defaultPreferences: Preferences = {
  theme: 'system',
  language: 'en',
  timezone: 'UTC',
  notifications: {
    email: { security: true, trading: true, marketing: false },
    push: { trading: true, price_alerts: false },
  },
};

/**
 * The body of `PUT /api/users/me/preferences`: any subset of the document; what is absent keeps
 * its current value (notification groups merge field by field).
 */
export const preferencesUpdateSchema = z
  .strictObject({
    theme: preferencesSchema.shape.theme.optional(),
    language: preferencesSchema.shape.language.optional(),
    timezone: preferencesSchema.shape.timezone.optional(),
    notifications: z
      .strictObject({
        email: emailNotifications.partial().optional(),
        push: pushNotifications.partial().optional(),
      })
      .optional(),
  })
  .refine((body) => Object.keys(body).length > 0, 'Name at least one preference to change');
export type PreferencesUpdate = z.infer<typeof preferencesUpdateSchema>;

export const preferencesViewSchema = preferencesSchema.extend({
  updated_at: isoTimestamp.nullable(),
});
