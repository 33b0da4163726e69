import type { Principal } from './api.ts';
import type { AppConfig } from './auth.ts';

/** What main.ts hands a page when it renders it. */
export interface Context {
  config: AppConfig;
  me: Principal;
  main: HTMLElement;
  /** Whether this render is still the current one (the person may have moved on). */
  current: () => boolean;
  /** Sets the page's h1 and the document title. */
  title: (text: string) => HTMLHeadingElement;
}
