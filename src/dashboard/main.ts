// The dashboard: a picture of the AI-chip market drawn from this API through its typed client, on the same origin
// (the page, its script and the API are all served by the service). Every section pages: nothing asks for a
// whole collection, so it works the same on the article's dataset and on one a hundred times its size.
import { createAtlasClient } from '../client/index.js';
import { initChips } from './chips.js';
import { byId } from './dom.js';
import { setLanguage, type Language } from './format.js';
import { initFunding } from './funding.js';
import { initGraph } from './graph.js';
import { initSourceDialog } from './sources.js';
import { showError } from './status.js';
import { initTimeline } from './timeline.js';

function initLanguageToggle(): void {
  const buttons = [...document.querySelectorAll<HTMLButtonElement>('#language button[data-lang]')];
  for (const button of buttons) {
    button.addEventListener('click', () => {
      const language = button.dataset.lang as Language;
      for (const other of buttons) other.setAttribute('aria-pressed', String(other === button));
      setLanguage(language);
    });
  }
}

async function main(): Promise<void> {
  const atlas = createAtlasClient();
  initSourceDialog();
  initLanguageToggle();
  const chips = atlas
    .get('/v1/stats')
    .then(({ data }) => initChips(atlas, data))
    .catch((error: unknown) => showError(byId('chips-body'), error));
  await Promise.all([chips, initFunding(atlas), initTimeline(atlas), initGraph(atlas)]);
  // For anyone (a test, a screenshot) waiting for the first picture to be complete.
  document.body.dataset.ready = 'true';
}

void main();
