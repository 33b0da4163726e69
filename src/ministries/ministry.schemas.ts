import { z } from 'zod';
import { iso3Schema, ministryCodeSchema } from '../auth/claims.ts';
import { MAX_LIST, MAX_TEXT } from '../consultation/consultation.limits.ts';
import { hasVisibleText } from '../lib/text.ts';

/** The ministries of a country as the API shows and takes them, and their audit log. */

const VISIBLE = { message: 'must contain visible characters, not only spaces or invisible ones' };
const MAX_CONTACTS = 10;

export const ministryIdSchema = z
  .string()
  .max(36)
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'must be a ministry id (a UUID)')
  .meta({ example: '019a1b2c-3d4e-7f00-8a00-0123456789cd' });

const nameSchema = z.string().trim().min(1).max(200).refine(hasVisibleText, VISIBLE);
const acronymSchema = z.string().trim().min(1).max(20).refine(hasVisibleText, VISIBLE);
const contactsSchema = z
  .array(z.email().max(320))
  .max(MAX_CONTACTS)
  .meta({ description: `E-mail addresses for notifications, at most ${MAX_CONTACTS}` });

export const createMinistrySchema = z
  .strictObject({
    code: ministryCodeSchema.meta({
      description:
        'Unique in the country; what an identity provider puts in a contributor token (`ministry`)',
    }),
    name: nameSchema,
    acronym: acronymSchema.optional(),
    contacts: contactsSchema.optional(),
  })
  .meta({
    id: 'CreateMinistry',
    example: {
      code: 'MOL',
      name: 'Ministry of Labour',
      acronym: 'MoL',
      contacts: ['migration@labour.example'],
    },
  });

export const updateMinistrySchema = z
  .strictObject({
    code: ministryCodeSchema.optional(),
    name: nameSchema.optional(),
    acronym: acronymSchema.nullable().optional().meta({ description: 'null clears it' }),
    contacts: contactsSchema.optional(),
  })
  .meta({ id: 'UpdateMinistry', example: { contacts: ['migration@labour.example', 'desk@labour.example'] } });

export const ministrySchema = z
  .object({
    id: z.string().max(MAX_TEXT),
    country: z.string().max(MAX_TEXT),
    code: z.string().max(MAX_TEXT),
    name: z.string().max(MAX_TEXT),
    acronym: z.string().max(MAX_TEXT).nullable(),
    contacts: z.array(z.string().max(MAX_TEXT)).max(MAX_LIST),
    retired: z.boolean(),
    retiredAt: z.string().max(MAX_TEXT).nullable(),
    revision: z.number().int(),
    createdAt: z.string().max(MAX_TEXT),
    updatedAt: z.string().max(MAX_TEXT),
  })
  .meta({ id: 'Ministry' });

export const ministryRemovalSchema = z
  .object({
    outcome: z.enum(['deleted', 'retired']),
    ministry: ministrySchema.meta({ description: 'As it was when deleted, or as retired' }),
  })
  .meta({ id: 'MinistryRemoval' });

export const ministryListSchema = z
  .object({ items: z.array(ministrySchema).max(MAX_LIST) })
  .meta({ id: 'MinistryList' });

export const ministryListQuerySchema = z.strictObject({
  retired: z
    .enum(['include', 'exclude'])
    .default('include')
    .meta({ description: 'Whether retired ministries are listed (they are by default)' }),
});

export const countryParamsSchema = z.strictObject({ iso3: iso3Schema });
export const ministryParamsSchema = z.strictObject({ iso3: iso3Schema, ministryId: ministryIdSchema });

const auditStateSchema = z
  .object({
    code: z.string().max(MAX_TEXT),
    name: z.string().max(MAX_TEXT),
    acronym: z.string().max(MAX_TEXT).nullable(),
    contacts: z.array(z.string().max(MAX_TEXT)).max(MAX_LIST),
    retired: z.boolean(),
  })
  .meta({ id: 'MinistryState' });

export const ministryAuditSchema = z
  .object({
    country: z.string().max(MAX_TEXT),
    events: z
      .array(
        z.object({
          id: z.number().int(),
          ministryId: z.string().max(MAX_TEXT),
          type: z.enum(['created', 'updated', 'retired', 'deleted']),
          actor: z.string().max(MAX_TEXT),
          at: z.string().max(MAX_TEXT),
          before: auditStateSchema.nullable(),
          after: auditStateSchema.nullable(),
        }),
      )
      .max(MAX_LIST),
  })
  .meta({ id: 'MinistryAudit' });

export type CreateMinistry = z.output<typeof createMinistrySchema>;
export type UpdateMinistry = z.output<typeof updateMinistrySchema>;
export type MinistryView = z.output<typeof ministrySchema>;
