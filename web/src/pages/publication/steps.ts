import { ApiError } from '../../api.ts';
import { h } from '../../dom.ts';
import { labelled } from '../../i18n.ts';

export interface Desk {
  id: string;
  etag: string;
  message: HTMLElement;
}

/** What went wrong, in the person's language when the API said why. */
export const problemText = (error: unknown) =>
  error instanceof ApiError && error.problem
    ? labelled(error.problem.title, error.problem.detail ?? '')
    : (error as Error).message;

/** Runs one step; on success the page is drawn again from the server, on a refusal nothing typed is lost. */
export async function step(
  desk: Desk,
  run: (header: { 'if-match': string }) => Promise<unknown>,
  done: string,
): Promise<void> {
  desk.message.replaceChildren();
  try {
    await run({ 'if-match': desk.etag });
    sessionStorage.setItem('migov.flash', done);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } catch (error) {
    desk.message.append(h('p', { class: 'error' }, problemText(error)));
  }
}

/** A form's submit handler that stays on the page. */
export const onSubmit = (run: () => void) => (event: Event) => {
  event.preventDefault();
  run();
};
