/**
 * Cache-Control of authenticated answers that carry assessment data (answers, reports, history,
 * documents): `no-store`, so that a shared computer's browser keeps no copy on disk. `private,
 * no-cache` still allows that. Revalidation keeps working: a client that kept an ETag itself
 * sends If-None-Match and gets 304. Public reference data (the questionnaire) says otherwise.
 */
export const ASSESSMENT_DATA = 'no-store';
