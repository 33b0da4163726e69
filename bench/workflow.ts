import type { App } from '../src/app.ts';
import type { Framework } from '../src/framework/framework.schema.ts';
import { answerSet } from '../test/fixtures.ts';

// The tests' full answer set (one answer per question, nearest to a score level) drives the bench too.
export { answerSet } from '../test/fixtures.ts';

/** Creates an assessment through the API, answers everything, and (optionally) submits and validates it. */
export async function fullWorkflow(
  app: App,
  headers: Record<string, string>,
  country: string,
  period: string,
  framework: Framework,
  level: number,
  validate: boolean,
  answer = true,
): Promise<string> {
  const created = await app.inject({
    method: 'POST',
    url: '/v1/assessments',
    headers,
    payload: { country, period },
  });
  if (created.statusCode !== 201) throw new Error(`create failed: ${created.body}`);
  const id = (created.json() as { id: string }).id;
  if (!answer) return id;
  const put = await app.inject({
    method: 'PUT',
    url: `/v1/assessments/${id}/answers`,
    headers,
    payload: { answers: answerSet(framework, level) },
  });
  if (put.statusCode !== 200) throw new Error(`answers failed: ${put.body}`);
  if (!validate) return id;
  const submit = await app.inject({
    method: 'POST',
    url: `/v1/assessments/${id}/submit`,
    headers: { ...headers, 'if-match': String(put.headers.etag) },
  });
  if (submit.statusCode !== 200) throw new Error(`submit failed: ${submit.body}`);
  const done = await app.inject({
    method: 'POST',
    url: `/v1/assessments/${id}/validate`,
    headers: { ...headers, 'if-match': String(submit.headers.etag) },
  });
  if (done.statusCode !== 200) throw new Error(`validate failed: ${done.body}`);
  return id;
}
