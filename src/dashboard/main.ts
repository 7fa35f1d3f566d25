// The dashboard: a picture of the AI-chip market drawn from this API through its typed client, on the same origin
// (the page, its script and the API are all served by the service). Every section pages: nothing asks for a
// whole collection, so it works the same on the article's dataset and on one a hundred times its size.
import { createAtlasClient } from '../client/index.js';
import { initChips } from './chips.js';
import { byId } from './dom.js';
import { setLanguage, type Language } from './format.js';
import { translatePage } from './i18n.js';
import { initRecords } from './records.js';
import { onStateChange, readState, writeState } from './view-state.js';
import { initDocuments } from './documents.js';
import { initFunding } from './funding.js';
import { initGraph } from './graph.js';
import { initSourceDialog } from './sources.js';
import { showError } from './status.js';
import { initTimeline } from './timeline.js';

function initLanguageToggle(): void {
  const buttons = [...document.querySelectorAll<HTMLButtonElement>('#language button[data-lang]')];
  const show = (language: Language) => {
    for (const button of buttons) button.setAttribute('aria-pressed', String(button.dataset.lang === language));
    setLanguage(language);
  };
  for (const button of buttons) {
    button.addEventListener('click', () => {
      const language = button.dataset.lang as Language;
      writeState({ lang: language === 'en' ? undefined : language });
      show(language);
    });
  }
  show(readState().lang ?? 'en');
  onStateChange((state) => show(state.lang ?? 'en'));
}

async function main(): Promise<void> {
  const atlas = createAtlasClient();
  initSourceDialog();
  translatePage();
  initLanguageToggle();
  const records = initRecords(atlas);
  const initial = readState();
  const chips = atlas
    .get('/v1/stats')
    .then(({ data }) => {
      const { view, loaded } = initChips(atlas, data, initial);
      onStateChange((state) => void view.sync(state));
      return loaded;
    })
    .catch((error: unknown) => showError(byId('chips-body'), error));
  onStateChange((state) => records.sync(state));
  // A link to a chip or a company opens it over the page.
  records.sync(initial);
  await Promise.all([chips, initFunding(atlas), initTimeline(atlas), initGraph(atlas), initDocuments(atlas)]);
  // For anyone (a test, a screenshot) waiting for the first picture to be complete.
  document.body.dataset.ready = 'true';
}

void main();
