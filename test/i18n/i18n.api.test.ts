import { beforeAll, describe, expect, it } from 'vitest';
import { answerSet, migof } from '../fixtures.ts';
import { createTestApp, type TestContext } from '../helper.ts';
import { runAssessment } from '../workflow.ts';

/** English, French and Spanish over the API (README, "Languages"). */

let ctx: TestContext;
let focal: { authorization: string };
let reviewer: { authorization: string };
const second = migof('2.0.0');

/** A JSON value with every text a person reads removed: what must not change with the language. */
const TEXT_FIELDS = new Set([
  'title',
  'description',
  'text',
  'guidance',
  'label',
  'unit',
  'narrative',
  'countryName',
]);
const TEXT_FIELDS_IN_CHANGES = new Set(['beforeLabel', 'afterLabel']);
const invariant = (body: unknown) =>
  JSON.stringify(body, (key, value) =>
    TEXT_FIELDS.has(key) || TEXT_FIELDS_IN_CHANGES.has(key) || key === 'generatedAt' ? undefined : value,
  );

beforeAll(async () => {
  ctx = await createTestApp();
  focal = await ctx.auth({ role: 'focal_point', country: 'SEN', sub: 'awa' });
  reviewer = await ctx.auth({ role: 'reviewer', sub: 'rita' });
});

async function assessment(period: string, level: number, validate: boolean) {
  const framework = { key: 'migof', version: '2.0.0' };
  const answers = answerSet(second, level);
  const until = validate ? 'validated' : 'draft';
  return (await runAssessment(ctx, { focal, reviewer, country: 'SEN', period, framework, answers, until }))
    .id;
}

describe('the questionnaire in three languages', () => {
  const get = (headers: Record<string, string>, query = '') =>
    ctx.app.inject({
      method: 'GET',
      url: `/v1/frameworks/migof/2.0.0${query}`,
      headers: { ...focal, ...headers },
    });

  it('answers in the language asked for, says so, and varies on it', async () => {
    const fr = await get({ 'accept-language': 'fr-FR,fr;q=0.9,en;q=0.5' });
    expect(fr.statusCode, fr.body).toBe(200);
    expect(fr.headers['content-language']).toBe('fr');
    expect(String(fr.headers.vary)).toMatch(/Accept-Language/);
    expect(fr.json().domains[0].subdomains[0].questions[0].options[0].label).toMatch(/^Partie, sans réserve/);
    const es = await get({ 'accept-language': 'fr' }, '?lang=es');
    expect(es.headers['content-language']).toBe('es');
    const de = await get({ 'accept-language': 'de' });
    expect(de.headers['content-language']).toBe('en');
    expect(de.body).toBe((await get({})).body);
  });

  it('refuses an over-long or malformed Accept-Language with a 400 problem, still rate-limited', async () => {
    const longest = `fr, ${'en;q=0.5, '.repeat(60)}`.slice(0, 500);
    expect((await get({ 'accept-language': longest })).statusCode).toBe(200);
    for (const header of [`${longest}x`, 'fr<script>']) {
      const res = await get({ 'accept-language': header });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().errors).toEqual([expect.objectContaining({ path: 'headers.accept-language' })]);
      expect(res.headers['x-ratelimit-remaining']).toBeDefined();
    }
    // Every route, public ones too, before any handler runs.
    const probe = await ctx.app.inject({ url: '/healthz', headers: { 'accept-language': 'x'.repeat(501) } });
    expect(probe.statusCode, probe.body).toBe(400);
  });

  it('keeps every key, code, weight and score identical across the three', async () => {
    const [en, fr, es] = await Promise.all(['en', 'fr', 'es'].map((lang) => get({}, `?lang=${lang}`)));
    expect(invariant(fr!.json())).toBe(invariant(en!.json()));
    expect(invariant(es!.json())).toBe(invariant(en!.json()));
    expect(fr!.json().title).not.toBe(en!.json().title);
    expect(es!.json().domains[5].title).not.toBe(en!.json().domains[5].title);
  });

  it('lists the languages of each version', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/v1/frameworks?lang=fr', headers: focal });
    // 1.0.0, 2.0.0 and 2.1.0: each published version is translated into French and Spanish.
    expect(res.json().items.map((f: { languages: string[] }) => f.languages)).toEqual([
      ['en', 'es', 'fr'],
      ['en', 'es', 'fr'],
      ['en', 'es', 'fr'],
    ]);
  });
});

describe('the report in three languages', () => {
  let draft = '';
  let validated = '';
  beforeAll(async () => {
    validated = await assessment('2024', 0.5, true);
    draft = await assessment('2025', 1, false);
  });

  const report = (id: string, lang: string) =>
    ctx.app.inject({ method: 'GET', url: `/v1/assessments/${id}/report?lang=${lang}`, headers: focal });

  it('translates labels, titles and the narrative, and changes no figure', async () => {
    const [en, fr, es] = await Promise.all(['en', 'fr', 'es'].map((lang) => report(draft, lang)));
    for (const [res, lang] of [
      [en, 'en'],
      [fr, 'fr'],
      [es, 'es'],
    ] as const) {
      expect(res!.statusCode, res!.body).toBe(200);
      expect(res!.headers['content-language']).toBe(lang);
    }
    expect(invariant(fr!.json())).toBe(invariant(en!.json()));
    expect(invariant(es!.json())).toBe(invariant(en!.json()));
    expect(fr!.json().narrative[0]).toContain('Indicateur de gouvernance des migrations');
    expect(es!.json().narrative[0]).toContain('Indicador de Gobernanza de la Migración');
    expect(fr!.json().lenses.hmgi[0].label).toBe('Droits de l’homme');
    expect(fr!.json().methodology.bands[0].label).not.toBe(en!.json().methodology.bands[0].label);
    expect(es!.json().comparison.changedQuestions[0].text).not.toBe(
      en!.json().comparison.changedQuestions[0].text,
    );
    expect(new Set([en, fr, es].map((r) => r!.headers.etag)).size).toBe(3);
  });

  it('reads a validated snapshot in every language, its figures untouched', async () => {
    const [en, fr] = await Promise.all(['en', 'fr'].map((lang) => report(validated, lang)));
    expect(invariant(fr!.json())).toBe(invariant(en!.json()));
    expect(fr!.json().sdg1072.domains[0].title).not.toBe(en!.json().sdg1072.domains[0].title);
    // English stays byte for byte the stored snapshot.
    expect((await report(validated, 'en')).body).toBe(en!.body);
  });
});

describe('problem+json in three languages', () => {
  it('translates title and detail, keeps type, status and the field paths', async () => {
    const id = '01a227c5-0000-7000-8000-000000000000';
    const ask = (lang: string) =>
      ctx.app.inject({
        method: 'GET',
        url: `/v1/assessments/${id}`,
        headers: { ...focal, 'accept-language': lang },
      });
    const [en, fr, es] = await Promise.all(['en', 'fr', 'es'].map(ask));
    expect(en!.json()).toMatchObject({
      title: 'Resource not found',
      detail: `Assessment ${id} was not found`,
    });
    expect(fr!.json()).toMatchObject({
      title: 'Ressource introuvable',
      detail: `L’évaluation ${id} est introuvable`,
    });
    expect(es!.json()).toMatchObject({
      title: 'Recurso no encontrado',
      detail: `No se encontró la evaluación ${id}`,
    });
    for (const res of [fr, es]) {
      expect(res!.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res!.json().type).toBe(en!.json().type);
      expect(res!.json().status).toBe(404);
    }
    expect(fr!.headers['content-language']).toBe('fr');
  });

  it('translates a batch refusal and keeps each item named', async () => {
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/v1/assessments',
      headers: focal,
      payload: { country: 'SEN', period: '2040', framework: { key: 'migof', version: '2.0.0' } },
    });
    const res = await ctx.app.inject({
      method: 'PUT',
      url: `/v1/assessments/${created.json().id}/answers?`,
      headers: { ...focal, 'accept-language': 'es' },
      payload: { answers: [{ question: 'P1.1.2', value: 99 }] },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().title).toBe('Error de validación de la solicitud');
    expect(res.json().detail).toBe('Un problema en el lote; no se guardó nada');
    expect(res.json().errors[0]).toEqual({
      path: 'body.answers[0].value',
      message: 'P1.1.2 requiere un número de 0 a 5 (instrumentos)',
    });
  });

  it("names the unit of a field error in the caller's language", async () => {
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/v1/assessments',
      headers: focal,
      payload: { country: 'SEN', period: '2041', framework: { key: 'migof', version: '2.0.0' } },
    });
    const said = async (lang: string) => {
      const res = await ctx.app.inject({
        method: 'PUT',
        url: `/v1/assessments/${created.json().id}/answers`,
        headers: { ...focal, 'accept-language': lang },
        payload: { answers: [{ question: 'P1.4.3', value: 'many' }] },
      });
      expect(res.statusCode, res.body).toBe(400);
      return res.json().errors[0].message as string;
    };
    expect(await said('en')).toBe('P1.4.3 takes a number (years)');
    expect(await said('fr')).toBe('P1.4.3 attend un nombre (ans)');
    expect(await said('es')).toBe('P1.4.3 requiere un número (años)');
  });

  it('tells a refused state change with status words, never raw status codes', async () => {
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/v1/assessments',
      headers: focal,
      payload: { country: 'SEN', period: '2042' },
    });
    const admin = await ctx.auth({ role: 'admin' });
    const validate = (lang: string) =>
      ctx.app.inject({
        method: 'POST',
        url: `/v1/assessments/${created.json().id}/validate`,
        headers: { ...admin, 'accept-language': lang, 'if-match': String(created.headers.etag) },
        payload: {},
      });
    const details = await Promise.all(
      ['en', 'fr', 'es'].map(async (lang) => (await validate(lang)).json().detail),
    );
    expect(details).toEqual([
      'Only a submitted assessment can be validated; this one is a draft',
      'Seule une évaluation soumise peut être validée\u00a0; celle-ci est au statut «\u00a0brouillon\u00a0»',
      'Solo una evaluación presentada puede validarse; esta está en estado «borrador»',
    ]);
  });

  it('uses the same English titles as the error table', async () => {
    const { ERROR_CODES } = await import('../../src/lib/errors.ts');
    const { t } = await import('../../src/i18n/messages.ts');
    for (const [code, { title }] of Object.entries(ERROR_CODES))
      expect(t('en', `problem.title.${code}`)).toBe(title);
  });
});
