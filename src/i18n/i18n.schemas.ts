import { z } from 'zod';

/** A BCP 47 language tag's characters (`fr`, `fr-CA`); which one is chosen is negotiated later. */
export const LANGUAGE_TAG = /^[A-Za-z0-9-]*$/;

/** The `lang` query parameter, for the routes whose answers people read. */
export const langQuery = {
  lang: z
    .string()
    .max(35)
    .regex(LANGUAGE_TAG, 'must be a language tag, e.g. fr')
    .optional()
    .meta({
      description:
        'Language of the texts (en, fr or es); wins over `Accept-Language`. Anything else falls back to English. ' +
        'Keys, codes and numbers are the same in every language.',
      example: 'fr',
    }),
};
