// parseCatalogQuery (src/purchase/catalogQuery.ts): what an agent types in the catalog search.
import assert from 'node:assert/strict';
import type { CatalogVocabulary } from '../../../src/domain/types';
import { parseCatalogQuery, refineFilter } from '../../../src/purchase/catalogQuery';

const vocabulary: CatalogVocabulary = {
  regions: [
    { armName: 'westeurope', displayName: 'West Europe' },
    { armName: 'northeurope', displayName: 'North Europe' },
    { armName: 'eastus', displayName: 'East US' },
    { armName: 'eastus2', displayName: 'East US 2' },
    { armName: 'westus', displayName: 'West US' },
  ],
  families: ['Dsv5', 'Esv5', 'Dsv3'],
  skuNames: ['Standard_D4s_v5', 'Standard_D2s_v5', 'Standard_E8s_v5'],
};

const parse = (input: string) => parseCatalogQuery(input, vocabulary);

describe('parseCatalogQuery', () => {
  it('"D4s v5 west europe 3 years": size, region and term', () => {
    assert.deepEqual(parse('D4s v5 west europe 3 years'), {
      armSkuName: 'Standard_D4s_v5',
      region: 'westeurope',
      term: 'P3Y',
    });
  });

  it('"east us 2 1 year": East US 2, not East US, and the "2" is not taken for the term', () => {
    assert.deepEqual(parse('east us 2 1 year'), { region: 'eastus2', term: 'P1Y' });
    assert.deepEqual(parse('1 year east us 2'), { region: 'eastus2', term: 'P1Y' });
    assert.deepEqual(parse('D2s v5 east us 2 1 year'), { armSkuName: 'Standard_D2s_v5', region: 'eastus2', term: 'P1Y' });
  });

  it('"east us" alone is East US', () => {
    assert.deepEqual(parse('east us'), { region: 'eastus' });
  });

  it('"Dsv5 in North Europe": family and region; "in" is noise', () => {
    assert.deepEqual(parse('Dsv5 in North Europe'), { family: 'Dsv5', region: 'northeurope' });
  });

  it('ARM region names: "westeurope", "eastus2"', () => {
    assert.deepEqual(parse('westeurope'), { region: 'westeurope' });
    assert.deepEqual(parse('eastus2'), { region: 'eastus2' });
  });

  it('ignores case', () => {
    assert.deepEqual(parse('WEST EUROPE'), { region: 'westeurope' });
    assert.deepEqual(parse('dsv3 East Us'), { family: 'Dsv3', region: 'eastus' });
  });

  it('Dutch region names from the catalogue: "West-Europa", "Noord-Europa", "VS - oost 2", with or without hyphens and accents', () => {
    assert.deepEqual(parse('D4s v5 West-Europa 3 jaar'), { armSkuName: 'Standard_D4s_v5', region: 'westeurope', term: 'P3Y' });
    assert.deepEqual(parse('west europa'), { region: 'westeurope' });
    assert.deepEqual(parse('westeuropa'), { region: 'westeurope' });
    assert.deepEqual(parse('Dsv5 in Noord-Europa'), { family: 'Dsv5', region: 'northeurope' });
    assert.deepEqual(parse('vs - oost 2 1 jaar'), { region: 'eastus2', term: 'P1Y' });
    assert.deepEqual(parse('VS oost'), { region: 'eastus' });
    assert.deepEqual(parse('vs-west'), { region: 'westus' });
  });

  it('Dutch noise words are ignored: "in de regio West-Europa voor 3 jaar"', () => {
    assert.deepEqual(parse('in de regio West-Europa voor 3 jaar'), { region: 'westeurope', term: 'P3Y' });
  });

  it('Dutch terms: "3 jaar", "1 jaar", "3 jaren"', () => {
    assert.deepEqual(parse('3 jaar'), { term: 'P3Y' });
    assert.deepEqual(parse('1 jaar'), { term: 'P1Y' });
    assert.deepEqual(parse('3 jaren'), { term: 'P3Y' });
  });

  it('other ways to write a term: "P1Y", "3y", "1yr", "1 y"', () => {
    assert.deepEqual(parse('P1Y'), { term: 'P1Y' });
    assert.deepEqual(parse('3y westeurope'), { term: 'P3Y', region: 'westeurope' });
    assert.deepEqual(parse('E8s v5 west us 1yr'), { armSkuName: 'Standard_E8s_v5', region: 'westus', term: 'P1Y' });
    assert.deepEqual(parse('D4s v5 1 y'), { armSkuName: 'Standard_D4s_v5', term: 'P1Y' });
  });

  it('SKU names in any spelling: "standard_e8s_v5", "Standard_D4s_v5", "Standard D4s v5", "d4sv5", "e8s_v5"', () => {
    assert.deepEqual(parse('standard_e8s_v5'), { armSkuName: 'Standard_E8s_v5' });
    assert.deepEqual(parse('Standard_D4s_v5'), { armSkuName: 'Standard_D4s_v5' });
    assert.deepEqual(parse('Standard D4s v5'), { armSkuName: 'Standard_D4s_v5' });
    assert.deepEqual(parse('d4sv5'), { armSkuName: 'Standard_D4s_v5' });
    assert.deepEqual(parse('e8s_v5'), { armSkuName: 'Standard_E8s_v5' });
  });

  it('commas and semicolons separate like spaces', () => {
    assert.deepEqual(parse('dsv3, east us; 1 jaar'), { family: 'Dsv3', region: 'eastus', term: 'P1Y' });
  });

  it('Dutch and English noise words are dropped', () => {
    assert.deepEqual(parse('the Esv5 reservation voor de North Europe region'), { family: 'Esv5', region: 'northeurope' });
  });

  it('free unknown text goes to `text`, alongside what was understood', () => {
    assert.deepEqual(parse('hello world'), { text: 'hello world' });
    assert.deepEqual(parse('Databricks west europe'), { region: 'westeurope', text: 'databricks' });
  });

  it('a second SKU is not silently dropped: it stays as text', () => {
    assert.deepEqual(parse('Standard_D4s_v5 Standard_D2s_v5'), { armSkuName: 'Standard_D4s_v5', text: 'standard_d2s_v5' });
  });

  it('an empty or blank query is {}', () => {
    assert.deepEqual(parse(''), {});
    assert.deepEqual(parse('   '), {});
  });

  it('does not treat a region inside a longer one as a hit', () => {
    const v: CatalogVocabulary = {
      ...vocabulary,
      regions: [
        { armName: 'westeurope', displayName: 'West Europe' },
        { armName: 'northwesteurope', displayName: 'North West Europe' },
      ],
    };
    assert.deepEqual(parseCatalogQuery('north west europe', v), { region: 'northwesteurope' });
  });

  it('regular-expression characters in a region name are matched literally', () => {
    const v: CatalogVocabulary = { ...vocabulary, regions: [{ armName: 'usgovvirginia', displayName: 'US Gov. Virginia' }] };
    assert.deepEqual(parseCatalogQuery('us gov. virginia 1 year', v), { region: 'usgovvirginia', term: 'P1Y' });
    assert.deepEqual(parseCatalogQuery('us govx virginia', v), { text: 'us govx virginia' });
  });
});

describe('refineFilter: typed words change what they name and keep the rest', () => {
  const current = { region: 'westeurope', family: 'Dsv5', armSkuName: 'Standard_D2s_v5', term: 'P3Y' } as const;

  it('a term or a region replaces only itself', () => {
    assert.deepEqual(refineFilter(current, { term: 'P1Y' }), { ...current, term: 'P1Y' });
    assert.deepEqual(refineFilter(current, { region: 'northeurope' }), { ...current, region: 'northeurope' });
  });

  it('a size or a free text replaces both (they are one field, "Size or name")', () => {
    assert.deepEqual(refineFilter(current, { armSkuName: 'Standard_E4s_v5' }), { ...current, armSkuName: 'Standard_E4s_v5' });
    assert.deepEqual(refineFilter(current, { text: 'gpu' }), { region: 'westeurope', family: 'Dsv5', term: 'P3Y', text: 'gpu' });
    assert.deepEqual(refineFilter({ region: 'westeurope', text: 'gpu' }, { armSkuName: 'Standard_D2s_v5' }), { region: 'westeurope', armSkuName: 'Standard_D2s_v5' });
  });

  it('nothing typed that names a filter keeps the filter as it was', () => {
    assert.deepEqual(refineFilter(current, {}), current);
  });
});
