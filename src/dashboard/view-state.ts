// What the reader is looking at, in the URL: the language, the chips' filters and the chip or company open, kept in
// the fragment (`/#kind=gpu&lang=ko&chip=azure-maia-100`) so that a view can be linked to, bookmarked and reloaded,
// and Back closes a record the reader opened. The fragment, not the query: `/` answers API clients too, and takes
// no query parameters.

export interface ViewState {
  lang?: 'en' | 'ko';
  designer?: string;
  kind?: string;
  purpose?: string;
  /** The record open in the record view. */
  chip?: string;
  vendor?: string;
}

const KEYS = ['lang', 'designer', 'kind', 'purpose', 'chip', 'vendor'] as const;
/** What a slug or a vocabulary value can be: nothing in the fragment reaches the page as anything else. */
const VALUE = /^[a-z0-9_-]{1,80}$/;

export function readState(): ViewState {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const state: ViewState = {};
  for (const key of KEYS) {
    const value = params.get(key);
    if (value !== null && VALUE.test(value)) (state as Record<string, string>)[key] = value;
  }
  if (state.lang !== undefined && state.lang !== 'en' && state.lang !== 'ko') delete state.lang;
  return state;
}

/**
 * Changes part of the state in the URL. `push`: a new entry in the history (opening a record), so Back undoes it;
 * otherwise the current entry is replaced (a filter, the language).
 */
export function writeState(patch: Partial<Record<keyof ViewState, string | undefined>>, { push = false } = {}): void {
  const state: Record<string, string | undefined> = { ...readState(), ...patch };
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = state[key];
    if (value) params.set(key, value);
  }
  const hash = params.toString();
  const url = `${location.pathname}${location.search}${hash ? `#${hash}` : ''}`;
  if (url === `${location.pathname}${location.search}${location.hash}`) return;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

/** Calls `listener` when the reader moves through the history (Back, Forward) or edits the fragment. */
export function onStateChange(listener: (state: ViewState) => void): void {
  window.addEventListener('popstate', () => listener(readState()));
  window.addEventListener('hashchange', () => listener(readState()));
}
