// Pure functions and small mechanisms the API's correctness rests on: partial dates, exact money conversion, configuration
// parsing, the search lane.
import { describe, expect, it } from 'vitest';
import { logSerializers, redactUrl } from '../../src/logging.js';
import { repeatedKey } from '../../src/plugins/request-body.js';
import { formatPartialDate, parsePartialDate, partialDateEnd, toPartialDate } from '../../src/domain/partial-date.js';
import { convertToUsd } from '../../src/domain/money.js';
import { toMoney } from '../../src/records/views.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { normaliseForSearch } from '../../src/records/list-query.js';
import { ReadLane } from '../../src/db/read-lane.js';

describe('partial dates', () => {
  it.each([
    ['2023', '2023-01-01', 'year', '2023-12-31'],
    ['2023-Q3', '2023-07-01', 'quarter', '2023-09-30'],
    ['2024-Q1', '2024-01-01', 'quarter', '2024-03-31'],
    ['2023-09', '2023-09-01', 'month', '2023-09-30'],
    ['2024-02', '2024-02-01', 'month', '2024-02-29'],
    ['2023-11-15', '2023-11-15', 'day', '2023-11-15'],
  ])('%s is stored as %s with precision %s and ends on %s', (text, start, precision, end) => {
    const stored = parsePartialDate(text);
    expect(stored).toEqual({ start, precision });
    expect(formatPartialDate(stored!)).toBe(text);
    expect(partialDateEnd(stored!)).toBe(end);
  });

  it.each(['2023-13', '2023-02-30', '2023-Q5', '23', '2023-9', '2023-09-1', '', '0000', '0999', '0050-02', '0004-02-29'])('rejects %j', (text) => {
    expect(parsePartialDate(text)).toBeNull();
  });

  it('keeps the qualifier and reports no date when the article gives none', () => {
    expect(toPartialDate('2024-01-01', 'year', 'early')).toEqual({
      value: '2024',
      precision: 'year',
      qualifier: 'early',
      start: '2024-01-01',
      end: '2024-12-31',
    });
    expect(toPartialDate(null, null, null)).toBeNull();
  });
});

describe('money', () => {
  it('converts exactly and rounds half up to a whole dollar', () => {
    // 62,000,000,000 / 1292.2 = 47,980,188.825…
    expect(convertToUsd(62_000_000_000n, '1292.20')).toBe(47_980_189n);
  });

  it('rounds half up, not down', () => {
    // 3 / 2 = 1.5 → 2; 5 / 4 = 1.25 → 1
    expect(convertToUsd(3n, '2')).toBe(2n);
    expect(convertToUsd(5n, '4')).toBe(1n);
    expect(convertToUsd(10n, '0.5')).toBe(20n);
  });

  it('states the basis of USD amounts and of converted amounts', () => {
    expect(toMoney(110_000_000n, 'USD', '1억 1천만 달러', null)).toEqual({
      amount: '110000000',
      currency: 'USD',
      notation: '1억 1천만 달러',
      usd: { amount: '110000000', unitsPerUsd: '1', asOf: null, basis: 'The amount is in US dollars.' },
    });
    const krw = toMoney(1_292_200n, 'KRW', null, {
      unitsPerUsd: '1292.20',
      asOfStart: '2022-01-01',
      asOfPrecision: 'year',
      source: 'test basis',
    });
    expect(krw?.usd).toMatchObject({ amount: '1000', unitsPerUsd: '1292.20', basis: 'test basis' });
    expect(krw?.usd?.asOf).toMatchObject({ value: '2022', precision: 'year' });
    expect(toMoney(null, null, null, null)).toBeNull();
  });
});

describe('configuration', () => {
  it('applies defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', DATABASE_URL: 'file:./data/atlas.db', LOG_LEVEL: 'info' });
  });

  it('names every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('LOG_LEVEL');
      expect(message).toContain('DATABASE_URL');
    }
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '' }).PORT).toBe(3000);
  });
});

describe('search normalisation', () => {
  it('folds case and width (NFKC) the same way for stored text and queries', () => {
    expect(normaliseForSearch('ＴＰＵ')).toBe('tpu');
    // Hangul typed as separate jamo (NFD) matches the composed syllables (NFC).
    expect(normaliseForSearch('삼바노바'.normalize('NFD'))).toBe('삼바노바');
  });
});

describe('log redaction', () => {
  it.each([
    ['/v1/chips?limit=2', '/v1/chips?limit=2'],
    ['/v1/vendors?api_key=abc&limit=2', '/v1/vendors?api_key=[redacted]&limit=2'],
    ['/v1/vendors?limit=2&access_token=abc&Authorization=Bearer%20x', '/v1/vendors?limit=2&access_token=[redacted]&Authorization=[redacted]'],
    ['/v1/vendors?%6Bey=abc', '/v1/vendors?%6Bey=[redacted]'],
    ['/v1/vendors?key', '/v1/vendors?key'],
    ['http://curator:secret@atlas/v1/chips?limit=2', 'http://[redacted]@atlas/v1/chips?limit=2'],
    ['http://atlas/v1/chips?token=abc', 'http://atlas/v1/chips?token=[redacted]'],
    ['/v1/search?q=a@b.com', '/v1/search?q=a@b.com'],
  ])('logs %s as %s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });

  it('logs an error without the raw request Node attaches to parser errors', () => {
    const error = Object.assign(new Error('Parse Error: Header overflow'), {
      code: 'HPE_HEADER_OVERFLOW',
      rawPacket: Buffer.from('GET / HTTP/1.1\r\nAuthorization: Bearer sekrit\r\n'),
    });
    const logged = logSerializers.err(error);
    expect(logged).toMatchObject({ type: 'Error', message: 'Parse Error: Header overflow', code: 'HPE_HEADER_OVERFLOW' });
    expect(logged).not.toHaveProperty('rawPacket');
    expect(error.rawPacket).toBeDefined();
  });
});

describe('repeated JSON keys', () => {
  it.each([
    ['{"a":1,"b":2}', null],
    ['{"a":1,"a":2}', 'a'],
    ['{"a":{"b":1},"c":{"b":2}}', null],
    ['{"a":[{"b":1,"b":2}]}', 'b'],
    ['{"a":"\\"a\\"","b":"a"}', null],
    ['{"\\u0061":1,"a":2}', 'a'],
    ['[{"x":1},{"x":1}]', null],
    ['{"a":{"x":1},"a":2}', 'a'],
  ])('finds in %s the repeated key %j', (text, key) => {
    JSON.parse(text);
    expect(repeatedKey(text)).toBe(key);
  });
});

describe('the search lane', () => {
  /** Holds the event loop for `ms`, as a synchronous SQLite read does. */
  const block = (ms: number) => {
    const until = performance.now() + ms;
    while (performance.now() < until);
  };

  it('runs its reads first come, first served, never more than its width at once', async () => {
    const lane = new ReadLane(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const reads = Array.from({ length: 6 }, (_, index) =>
      lane.run(async () => {
        started.push(index);
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        return index;
      }),
    );
    expect(lane.waiting).toBe(4);
    expect(await Promise.all(reads)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    expect(lane.waiting).toBe(0);
  });

  it('lets the event loop serve what arrived before the next read starts', async () => {
    // Three reads that each hold the loop, as SQLite's do; a timer due during the first stands for a page that
    // arrived meanwhile: it runs before the second read, not after the third.
    const lane = new ReadLane(1);
    const order: string[] = [];
    const reads = [1, 2, 3].map((index) =>
      lane.run(async () => {
        if (index === 1) setTimeout(() => order.push('page'), 1);
        block(5);
        order.push(`read ${index}`);
      }),
    );
    await Promise.all(reads);
    expect(order).toEqual(['read 1', 'page', 'read 2', 'read 3']);
  });

  it('lets the event loop poll before a read that arrives as another ends', async () => {
    // Requests parsed in one poll phase reach the lane one after another, each after the one before has ended (a
    // synchronous read ends before the next request is parsed): they must still take turns with the rest.
    const lane = new ReadLane(1);
    const order: string[] = [];
    await lane.run(async () => {
      setTimeout(() => order.push('page'), 1);
      block(5);
      order.push('read 1');
    });
    await lane.run(async () => {
      order.push('read 2');
    });
    expect(order).toEqual(['read 1', 'page', 'read 2']);
  });

  it('gives the place on when a read fails', async () => {
    const lane = new ReadLane(1);
    const failed = lane.run(() => Promise.reject(new Error('database gone')));
    const next = lane.run(async () => 'answered');
    await expect(failed).rejects.toThrow('database gone');
    expect(await next).toBe('answered');
  });

  it('refuses a width that runs nothing', () => {
    expect(() => new ReadLane(0)).toThrow(RangeError);
  });
});
