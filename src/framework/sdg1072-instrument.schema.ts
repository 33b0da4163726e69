import { z } from 'zod';
import { optionSchema } from './option.schema.ts';

/**
 * The official SDG indicator 10.7.2 instrument (framework 2.1.0 on, methodology 3): the six
 * questions and 30 sub-categories of the UN Inquiry among Governments on Population and
 * Development, module III, worded exactly as the UN DESA/IOM metadata words them (March 2021,
 * Table 2), carried beside the MiGOF tree as `sdg1072.domains[].items[]`. Items are answered like
 * questions (yes/no; in domain 1 the three answers of section 4.c), count for coverage and are
 * required before submission, but stay outside the MiGOF composite, its gaps and its lenses.
 */

export const SDG1072_ITEM_KEY = /^S1072\.[1-6][a-e]$/;

/** The answer values of the official instrument: domain 1 has three, domains 2-6 yes/no. */
export const SDG1072_DOMAIN1_VALUES = ['yes_all', 'yes_legal', 'no'] as const;
export const SDG1072_YES_NO_VALUES = ['yes', 'no'] as const;

const itemAnswer = z.enum([...SDG1072_DOMAIN1_VALUES, 'yes']);

/**
 * One MiGOF question that bears on an item, and what its answers suggest (the project's own rule,
 * docs/methodology.md section 12): an option value listed in `suggests` points to an item answer;
 * a value not listed, `not applicable` or no answer gives no signal.
 */
export const sdg1072CrosswalkSchema = z
  .strictObject({
    question: z.string().regex(/^[PO][1-3]\.[1-9]\.[1-9]$/, 'crosswalk questions are MiGOF question keys'),
    suggests: z.record(z.string().regex(/^[a-z0-9_]{1,40}$/), itemAnswer),
  })
  .meta({
    id: 'Sdg1072Crosswalk',
    description:
      'A MiGOF question bearing on a 10.7.2 item: each listed option value suggests an item answer; unlisted values give no signal.',
  });

export const sdg1072ItemInputSchema = z.strictObject({
  key: z.string().regex(SDG1072_ITEM_KEY, '10.7.2 item keys look like S1072.1a'),
  text: z.string().min(1).max(300),
  guidance: z.string().min(1).max(2000),
  type: z.enum(['yes_no', 'scale']),
  options: z.array(optionSchema).min(2).max(3).optional(),
  evidenceRequired: z.boolean().default(true),
  crosswalk: z.array(sdg1072CrosswalkSchema).max(10).default([]),
});

export const sdg1072InstrumentDomainInputSchema = z.strictObject({
  number: z.number().int().min(1).max(6),
  title: z.string().min(1).max(200),
  question: z.string().min(1).max(400),
  items: z.array(sdg1072ItemInputSchema).length(5),
});

export const sdg1072InstrumentInputSchema = z.strictObject({
  source: z.string().min(1).max(400),
  domains: z.array(sdg1072InstrumentDomainInputSchema).length(6),
});

/** An item as served: shaped like a question (key, text, guidance, type, options). */
export const sdg1072ItemSchema = z
  .strictObject({
    key: z.string(),
    text: z.string(),
    guidance: z.string(),
    type: z.enum(['yes_no', 'scale']),
    options: z.array(optionSchema),
    evidenceRequired: z.boolean(),
    crosswalk: z.array(sdg1072CrosswalkSchema),
  })
  .meta({
    id: 'Sdg1072Item',
    description:
      'One of the 30 official 10.7.2 sub-categories, answered directly: yes/no, or in domain 1 "yes, regardless of immigration status" (1) / "yes, only for those with legal immigration status" (0.5) / "no" (0).',
  });

export const sdg1072InstrumentSchema = z
  .strictObject({
    source: z.string(),
    domains: z.array(
      z.strictObject({
        number: z.number().int(),
        title: z.string(),
        question: z.string(),
        items: z.array(sdg1072ItemSchema),
      }),
    ),
  })
  .meta({
    id: 'Sdg1072Instrument',
    description:
      'The official SDG indicator 10.7.2 instrument (UN DESA/IOM metadata, March 2021, Table 2), beside the MiGOF tree; outside the MiGOF composite.',
  });

export type Sdg1072Item = z.output<typeof sdg1072ItemSchema>;
export type Sdg1072Instrument = z.output<typeof sdg1072InstrumentSchema>;
export type Sdg1072InstrumentInput = z.output<typeof sdg1072InstrumentInputSchema>;
