import fp from 'fastify-plugin';
import {
  ACCEPT_LANGUAGE_MAX,
  isAcceptableAcceptLanguage,
  type Locale,
  negotiateLocale,
} from '../i18n/locale.ts';
import { AppError, fieldError, message } from '../lib/errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The language of this answer: `?lang=`, else `Accept-Language`, else English. */
    locale: Locale;
  }
}

/**
 * Language negotiation (README, "Languages"): every request gets `request.locale`; every answer says
 * `Content-Language` (a route serving content that has no translation sets `en` itself) and
 * `Vary: Accept-Language`, so a cache never gives one language's answer to another reader.
 */
export default fp(
  async (app) => {
    app.decorateRequest('locale', 'en');
    app.addHook('onRequest', (request, _reply, done) => {
      const lang = (request.query as { lang?: unknown } | undefined)?.lang;
      request.locale = negotiateLocale(
        typeof lang === 'string' ? lang : undefined,
        request.headers['accept-language'],
      );
      done();
    });
    // Refused here rather than where it is read (onRequest, above) so that the rate limit, whose
    // hook comes after this plugin's, has counted the request and its headers are on the 400.
    app.addHook('preValidation', (request, _reply, done) => {
      const header = request.headers['accept-language'];
      if (isAcceptableAcceptLanguage(header)) return done();
      done(
        new AppError('validation', message('problem.badAcceptLanguage', { max: ACCEPT_LANGUAGE_MAX }), {
          errors: [fieldError('headers.accept-language', 'field.invalid')],
        }),
      );
    });
    app.addHook('onSend', (request, reply, payload, done) => {
      if (!reply.hasHeader('content-language')) reply.header('content-language', request.locale);
      const vary = reply.getHeader('vary');
      const list = vary === undefined ? '' : String(vary);
      if (!/\baccept-language\b/i.test(list))
        reply.header('vary', list ? `${list}, Accept-Language` : 'Accept-Language');
      done(null, payload);
    });
  },
  { name: 'i18n' },
);
