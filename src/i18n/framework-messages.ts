import type { Framework } from '../framework/framework.schema.ts';

/**
 * The translatable text of a framework version as a flat map of message keys to English text:
 * `title`, `description`, `bands.<key>`, `<domain or sub-domain>.title|description`,
 * `<question>.text|guidance`, `<question>.options.<value>`, `<question>.unit`, and for the
 * 10.7.2 crosswalk `sdg1072.<n>.title` and `sdg1072.<n><letter>`; from 2.1.0 the official instrument's
 * `sdg1072.<n>.title`, `sdg1072.<n>.question` and its items like questions (`S1072.1a.text`, …).
 * A translation file holds the
 * same keys with the text in its language (seeds/frameworks/translations/<key>-<version>.<lang>.json).
 */
export function frameworkMessages(framework: Framework): Map<string, string> {
  const messages = new Map<string, string>();
  messages.set('title', framework.title);
  messages.set('description', framework.description);
  for (const band of framework.methodology.bands) messages.set(`bands.${band.key}`, band.label);
  for (const domain of framework.methodology.sdg1072?.domains ?? []) {
    messages.set(`sdg1072.${domain.number}.title`, domain.title);
    for (const sub of domain.subcategories) messages.set(`sdg1072.${domain.number}${sub.key}`, sub.label);
  }
  for (const domain of framework.sdg1072?.domains ?? []) {
    messages.set(`sdg1072.${domain.number}.title`, domain.title);
    messages.set(`sdg1072.${domain.number}.question`, domain.question);
    for (const item of domain.items) {
      messages.set(`${item.key}.text`, item.text);
      messages.set(`${item.key}.guidance`, item.guidance);
      for (const option of item.options) messages.set(`${item.key}.options.${option.value}`, option.label);
    }
  }
  for (const domain of framework.domains) {
    messages.set(`${domain.key}.title`, domain.title);
    messages.set(`${domain.key}.description`, domain.description);
    for (const subdomain of domain.subdomains) {
      messages.set(`${subdomain.key}.title`, subdomain.title);
      messages.set(`${subdomain.key}.description`, subdomain.description);
      for (const question of subdomain.questions) {
        messages.set(`${question.key}.text`, question.text);
        messages.set(`${question.key}.guidance`, question.guidance);
        for (const option of question.options ?? [])
          messages.set(`${question.key}.options.${option.value}`, option.label);
        if (question.number) messages.set(`${question.key}.unit`, question.number.unit);
      }
    }
  }
  return messages;
}
