// What a section shows when the API refuses or cannot be reached: the problem's own words and its request id.
import { AtlasError } from '../client/index.js';
import { h, replace } from './dom.js';

export function describeError(error: unknown): string {
  if (error instanceof AtlasError && error.problem) return `${error.problem.detail} (request ${error.problem.requestId})`;
  return error instanceof Error ? error.message : String(error);
}

/** Replaces a section's content with the error; a table body gets it as one full-width row. */
export function showError(target: Element, error: unknown): void {
  const message = h('p', { class: 'error', role: 'alert' }, `Could not load: ${describeError(error)}`);
  replace(target, target.tagName === 'TBODY' ? h('tr', {}, h('td', { colspan: 7 }, message)) : message);
}
