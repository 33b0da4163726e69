import { z } from 'zod';

export const ROLES = ['admin', 'reviewer', 'focal_point', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const iso3Schema = z
  .string()
  .max(3)
  .regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code in upper case, e.g. KEN')
  .meta({ example: 'KEN' });

/** The claims migov relies on, checked after the signature and registered claims. */
export const principalSchema = z
  .object({
    sub: z.string().min(1).max(200),
    role: z.enum(ROLES),
    country: iso3Schema.optional(),
  })
  .refine((p) => p.role !== 'focal_point' || p.country !== undefined, {
    message: 'a focal_point token must carry a country claim',
    path: ['country'],
  })
  .meta({ id: 'Principal' });

export type Principal = z.infer<typeof principalSchema>;
