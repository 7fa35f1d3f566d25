// The article the atlas was built from, as the seed holds it: the text every seeded passage quotes.
import { readFileSync } from 'node:fs';
import { ARTICLE_FILE } from '../../src/seed/dataset.js';

export const ARTICLE_TEXT = readFileSync(`seed/${ARTICLE_FILE}`, 'utf8');

/** The article's document, as the seed names it. */
export const ARTICLE_DOCUMENT = 'ai-chip-market-big-tech-and-startups-2023';
