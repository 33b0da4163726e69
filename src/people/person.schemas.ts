import { z } from 'zod';
import { ROLES } from '../auth/claims.ts';
import { MAX_TEXT } from '../consultation/consultation.limits.ts';
import { LOCALES } from '../i18n/locale.ts';

/** The server's record of a person and their preferences, as the API shows and takes them. */

/**
 * The kinds of notification a person may choose for. A new kind is one more entry here (and its
 * absence in stored preferences reads as its default), so preferences stored before stay valid.
 */
export const NOTIFICATION_KINDS = [
  'assigned',
  'thread',
  'remark',
  'review',
  'validated',
  'published',
] as const;
const deliverySchema = z.enum(['off', 'immediate', 'daily']);

const notificationsSchema = z
  .strictObject(
    Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, deliverySchema.optional()])) as Record<
      (typeof NOTIFICATION_KINDS)[number],
      z.ZodOptional<typeof deliverySchema>
    >,
  )
  .meta({
    id: 'NotificationPreferences',
    description:
      'Per kind of notification (`assigned`: questions given to my ministry, `thread`: a thread waiting on me, ' +
      '`remark`: an assessment returned with remarks to resolve, `review`: an assessment waiting for my review, ' +
      '`validated`: my country’s assessment validated, `published`: its profile published): `off`, ' +
      '`immediate` or `daily` (sent as `immediate` for now: no digest yet). Unset kinds follow the default ' +
      '(`immediate`); kinds may be added later.',
  });

export const preferencesSchema = z
  .strictObject({
    language: z.enum(LOCALES).optional().meta({ description: 'The language of mail and of the web app' }),
    notifications: notificationsSchema.optional(),
  })
  .meta({ id: 'Preferences' });

export const preferencesPatchSchema = z
  .strictObject({
    language: z.enum(LOCALES).nullable().optional().meta({ description: 'null: back to the default' }),
    notifications: notificationsSchema
      .optional()
      .meta({ description: 'Merged kind by kind into what is stored' }),
  })
  .meta({ id: 'PreferencesPatch', example: { language: 'fr', notifications: { thread: 'daily' } } });

export const visitSchema = z
  .object({
    assessmentId: z.string().max(MAX_TEXT),
    at: z.string().max(MAX_TEXT),
    revision: z.number().int(),
  })
  .meta({ id: 'Visit' });

export const personSchema = z
  .object({
    sub: z.string().max(MAX_TEXT),
    role: z.enum(ROLES),
    country: z.string().max(MAX_TEXT).optional(),
    ministry: z
      .string()
      .max(MAX_TEXT)
      .optional()
      .meta({ description: 'For contributors: their ministry’s code' }),
    ministryId: z.string().max(MAX_TEXT).optional(),
    email: z
      .string()
      .max(MAX_TEXT)
      .optional()
      .meta({ description: 'From the token’s standard `email` claim' }),
    preferences: preferencesSchema,
    firstSeenAt: z.string().max(MAX_TEXT),
    lastSeenAt: z.string().max(MAX_TEXT),
    visits: z
      .array(visitSchema)
      .max(50)
      .meta({ description: 'The last visit this person recorded on each assessment (latest 50)' }),
  })
  .meta({ id: 'Person' });

export type Preferences = z.output<typeof preferencesSchema>;
export type PreferencesPatch = z.output<typeof preferencesPatchSchema>;
