// R13 (src/rules/catalog.ts offeredTerms): the catalog's term filter offers five years only where they can exist.
import assert from 'node:assert/strict';
import type { TermDuration } from '../../../src/domain/types';
import { offeredTerms } from '../../../src/rules/catalog';

describe('R13: the terms the catalog filter offers', () => {
  const table: { filter: TermDuration | undefined; listed: TermDuration[]; offered: TermDuration[]; why: string }[] = [
    { filter: undefined, listed: [], offered: ['P1Y', 'P3Y'], why: 'no filter, nothing listed' },
    { filter: undefined, listed: ['P1Y', 'P3Y', 'P1Y'], offered: ['P1Y', 'P3Y'], why: 'only one- and three-year rows' },
    { filter: 'P1Y', listed: ['P1Y'], offered: ['P1Y', 'P3Y'], why: 'a one-year filter' },
    { filter: 'P3Y', listed: [], offered: ['P1Y', 'P3Y'], why: 'a three-year filter that matches nothing' },
    { filter: undefined, listed: ['P1Y', 'P5Y'], offered: ['P1Y', 'P3Y', 'P5Y'], why: 'a five-year row (HBv2) is listed' },
    { filter: 'P5Y', listed: [], offered: ['P1Y', 'P3Y', 'P5Y'], why: 'the filter asks for five years: it stays selectable' },
    { filter: 'P5Y', listed: ['P5Y'], offered: ['P1Y', 'P3Y', 'P5Y'], why: 'five years asked and listed: offered once' },
  ];
  for (const { filter, listed, offered, why } of table) {
    it(`offers ${offered.join(', ')} when ${why}`, () => {
      assert.deepEqual(offeredTerms(filter, listed), offered);
    });
  }
});
