import { z } from 'zod';
import { MAX_LIST, MAX_TEXT } from '../consultation/consultation.limits.ts';
import { hasVisibleText } from '../lib/text.ts';
import { assessmentSchema } from './assessment.schemas.ts';

/** The bodies and answers of the writes the consultation changed: merged answer writes, submit, return. */

const MAX_REMARKS = 200;
const INVISIBLE = {
  message: 'must contain visible characters, not only spaces or invisible ones (e.g. U+200B)',
};
const visibleText = () => z.string().trim().min(1).max(MAX_TEXT).refine(hasVisibleText, INVISIBLE);

export const writeResultSchema = assessmentSchema
  .extend({
    mergedOver: z
      .array(z.object({ question: z.string().max(MAX_TEXT), revision: z.number().int() }))
      .max(MAX_LIST)
      .meta({
        description:
          'The questions others changed after the revision your `If-Match` named, which this write was merged ' +
          'over (it touched none of them): read them again. Empty when your `If-Match` was current or absent.',
      }),
  })
  .meta({ id: 'AnswerWriteResult' });

export const submitSchema = z
  .strictObject({
    reason: visibleText().optional().meta({
      description:
        'Why the focal point submits although some assigned ministries are not ready; kept in the history',
    }),
  })
  .nullish()
  .meta({ id: 'SubmitAssessment', description: 'No body, an empty object, or a reason' });

export const returnSchema = z
  .strictObject({
    reason: visibleText(),
    remarks: z
      .array(z.strictObject({ question: z.string().min(1).max(20), text: visibleText() }))
      .max(MAX_REMARKS)
      .optional()
      .meta({
        description:
          'Remarks on named questions: each opens a thread that must be resolved before the assessment is submitted again',
      }),
  })
  .meta({
    id: 'ReturnAssessment',
    example: {
      reason: 'Evidence for P1.1.1 is missing the ratification date',
      remarks: [{ question: 'P1.1.1', text: 'Cite the date of ratification' }],
    },
  });
