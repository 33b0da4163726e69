import { z } from 'zod';

/** The `lang` query parameter, for the routes whose answers people read. */
export const langQuery = {
  lang: z
    .string()
    .max(35)
    .optional()
    .meta({
      description:
        'Language of the texts (en, fr or es); wins over `Accept-Language`. Anything else falls back to English. ' +
        'Keys, codes and numbers are the same in every language.',
      example: 'fr',
    }),
};
