import type { App } from '../src/app.ts';
import type { Framework } from '../src/framework/framework.schema.ts';

/** An answer to every question; `level` in [0, 1] picks the option nearest that score. */
export function answerSet(framework: Framework, level: number) {
  return framework.domains.flatMap((d) =>
    d.subdomains.flatMap((s) =>
      s.questions.map((q) => {
        const evidence = q.evidenceRequired ? [{ title: `Evidence for ${q.key}` }] : [];
        if (q.type === 'number' && q.number) {
          return {
            question: q.key,
            value: q.number.worst + (q.number.best - q.number.worst) * level,
            evidence,
          };
        }
        const option = [...(q.options ?? [])].sort(
          (a, b) => Math.abs(a.score - level) - Math.abs(b.score - level),
        )[0];
        return { question: q.key, value: option?.value ?? 'yes', evidence };
      }),
    ),
  );
}

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
