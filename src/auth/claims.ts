import { z } from 'zod';

export const ROLES = ['admin', 'reviewer', 'focal_point', 'contributor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const iso3Schema = z
  .string()
  .max(3)
  .regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code in upper case, e.g. KEN')
  .meta({ example: 'KEN' });

/** A ministry's code, chosen by the focal point and carried by contributors' tokens as `ministry`. */
export const ministryCodeSchema = z
  .string()
  .max(20)
  .regex(/^[A-Z][A-Z0-9_-]{1,19}$/, 'must be 2 to 20 upper-case letters, digits, - or _, e.g. MOL')
  .meta({ example: 'MOL' });

/** The claims migov relies on, checked after the signature and registered claims. */
export const principalSchema = z
  .object({
    sub: z.string().min(1).max(200),
    role: z.enum(ROLES),
    country: iso3Schema.optional(),
    ministry: ministryCodeSchema
      .optional()
      .meta({ description: 'For contributors: the code of their ministry in `country`' }),
    email: z.email().max(320).optional().meta({ description: 'The standard `email` claim, where given' }),
  })
  .refine((p) => (p.role !== 'focal_point' && p.role !== 'contributor') || p.country !== undefined, {
    message: 'a focal_point or contributor token must carry a country claim',
    path: ['country'],
  })
  .refine((p) => p.role !== 'contributor' || p.ministry !== undefined, {
    message: 'a contributor token must carry a ministry claim (the ministry code)',
    path: ['ministry'],
  })
  .meta({ id: 'Principal' });

export type Principal = z.infer<typeof principalSchema>;
