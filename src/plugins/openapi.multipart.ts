import type { OpenAPIV3_1 } from 'openapi-types';
import { ALLOWED_TYPES } from '../documents/content-type.ts';

/**
 * The upload's multipart body in the document. Its body is streamed by the handler, never parsed
 * by a schema (a file must not be held in memory to be validated), so the route declares none and
 * the request body is described here.
 */
export function withMultipartUpload(document: OpenAPIV3_1.Document): OpenAPIV3_1.Document {
  const operation = document.paths?.['/v1/assessments/{id}/documents']?.post;
  if (!operation) return document;
  operation.requestBody = {
    required: true,
    content: {
      'multipart/form-data': {
        schema: {
          type: 'object',
          required: ['file'],
          additionalProperties: false,
          properties: {
            file: {
              type: 'string',
              format: 'binary',
              maxLength: Number.MAX_SAFE_INTEGER,
              description: `One file: ${ALLOWED_TYPES.join(', ')}`,
            },
          },
        },
        encoding: { file: { contentType: ALLOWED_TYPES.join(', ') } },
      },
    },
  };
  return document;
}
