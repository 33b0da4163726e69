import type { OpenAPIV3_1 } from 'openapi-types';
import { ACCEPT_LANGUAGE_MAX, ACCEPT_LANGUAGE_PATTERN, LOCALES } from '../i18n/locale.ts';
import { operations } from './openapi.docs.ts';

type Document = OpenAPIV3_1.Document;

/**
 * Describes language negotiation (README, "Languages") in the OpenAPI document: every operation
 * takes `Accept-Language`, and every answer says `Content-Language` and varies on the header.
 * The `lang` query parameter is declared by the routes whose texts change with it.
 */
export function withLanguages(document: Document): Document {
  const languages = LOCALES.join(', ');
  document.components ??= {};
  document.components.parameters = {
    ...document.components.parameters,
    AcceptLanguage: {
      in: 'header',
      name: 'Accept-Language',
      required: false,
      schema: {
        type: 'string',
        maxLength: ACCEPT_LANGUAGE_MAX,
        pattern: ACCEPT_LANGUAGE_PATTERN.source,
        example: 'fr-FR, fr;q=0.9, en;q=0.5',
      },
      description: `Language of the texts (${languages}), with q-values; \`?lang=\` wins where a route takes it. Anything else falls back to English. Keys, codes and numbers never change. Longer than ${ACCEPT_LANGUAGE_MAX} characters, or holding other characters than language ranges, \`*\`, commas and q-values: 400.`,
    },
  };
  document.components.headers = {
    ...document.components.headers,
    ContentLanguage: {
      schema: { type: 'string', enum: [...LOCALES] },
      description: 'The language the texts of this answer are in (English where no translation exists).',
    },
    VaryAcceptLanguage: {
      schema: { type: 'string', maxLength: 200, pattern: 'Accept-Language' },
      description: 'Lists Accept-Language: caches keep one answer per language.',
    },
  };
  for (const operation of operations(document)) {
    operation.parameters = [
      ...(operation.parameters ?? []),
      { $ref: '#/components/parameters/AcceptLanguage' } as OpenAPIV3_1.ReferenceObject,
    ];
    for (const response of Object.values(operation.responses ?? {}) as OpenAPIV3_1.ResponseObject[]) {
      if (!response.content) continue;
      response.headers = {
        ...response.headers,
        'Content-Language': { $ref: '#/components/headers/ContentLanguage' },
        Vary: { $ref: '#/components/headers/VaryAcceptLanguage' },
      };
    }
  }
  return document;
}
