// CATALOG_AVAILABILITY: an item goes into a cart only where Partner Center sells it [800070].
import assert from 'node:assert/strict';
import { checkInventory, checkSoldInMarket, presetRegion } from '../../../src/rules/catalog';
import { assertPassed, assertRefused, makeCatalogItem } from './factories';

describe('CATALOG_AVAILABILITY: only items sold to this customer, segment and type', () => {
  const market = { country: 'NL', segment: 'commercial', reservationType: 'VirtualMachines' } as const;
  const notSold = { mentions: ['Standard_D2s_v5', 'not sold to this customer'], fix: /search results/, partnerCenterCode: '800070' };

  it('passes an item sold in the customer country, segment and reservation type', () => {
    assertPassed(checkSoldInMarket(makeCatalogItem(), market), 'CATALOG_AVAILABILITY');
  });

  it('refuses an item that is not in the catalog (a forged or mistyped id)', () => {
    assertRefused(checkSoldInMarket(undefined, market), 'CATALOG_AVAILABILITY', {
      mentions: ['not in the catalog'],
      fix: /search results/,
      partnerCenterCode: '800070',
    });
  });

  it('refuses an item that cannot be bought at the moment, naming it', () => {
    assertRefused(checkSoldInMarket(makeCatalogItem({ isPurchasable: false }), market), 'CATALOG_AVAILABILITY', {
      mentions: ['Standard_D2s_v5', 'cannot be bought at the moment'],
      fix: /another size, region or term/,
      partnerCenterCode: '800070',
    });
  });

  it("refuses an item of another country's price list", () => {
    assertRefused(checkSoldInMarket(makeCatalogItem({ country: 'DE' }), market), 'CATALOG_AVAILABILITY', notSold);
  });

  it('refuses an item of another segment', () => {
    assertRefused(checkSoldInMarket(makeCatalogItem({ segment: 'education' }), market), 'CATALOG_AVAILABILITY', notSold);
  });

  it('refuses an item of another reservation type', () => {
    assertRefused(checkSoldInMarket(makeCatalogItem({}, 'SqlDatabase'), market), 'CATALOG_AVAILABILITY', notSold);
  });
});

describe('CATALOG_AVAILABILITY: the inventory check [800010]', () => {
  it('passes an item without restrictions', () => {
    assertPassed(checkInventory(makeCatalogItem(), []), 'CATALOG_AVAILABILITY');
  });

  it('refuses an item without capacity, naming it and the reason, and suggests another region or size', () => {
    const restriction = { reasonCode: 'InventoryNotAvailable', description: 'No capacity in West Europe.' };
    assertRefused(checkInventory(makeCatalogItem(), [restriction]), 'CATALOG_AVAILABILITY', {
      mentions: ['Standard_D2s_v5', 'No capacity in West Europe.'],
      fix: /another region or size/,
      partnerCenterCode: '800010',
    });
  });

  it('refuses an item without quota and says how to get more', () => {
    const restriction = { reasonCode: 'QuotaNotAvailable', description: 'The vCPU quota is too low.' };
    assertRefused(checkInventory(makeCatalogItem(), [restriction]), 'CATALOG_AVAILABILITY', {
      mentions: ['The vCPU quota is too low.'],
      fix: /vCPU quota increase/,
      partnerCenterCode: '800010',
    });
  });
});

describe('The region a catalog starts at: one in the customer’s country that the market sells', () => {
  const sold = (...armNames: string[]) => armNames.map((armName) => ({ armName }));
  const everywhere = sold('brazilsouth', 'centralus', 'eastus', 'eastus2', 'germanywestcentral', 'northeurope', 'uksouth', 'ukwest', 'westeurope', 'australiacentral', 'australiaeast');

  for (const [country, region] of [
    ['NL', 'westeurope'],
    ['IE', 'northeurope'],
    ['DE', 'germanywestcentral'],
    ['GB', 'uksouth'],
    ['US', 'eastus'],
    ['AU', 'australiaeast'],
    ['BR', 'brazilsouth'],
  ] as const) {
    it(`${country}: ${region}`, () => assert.equal(presetRegion(country, everywhere), region));
  }

  it('a country without an Azure region (Denmark, Argentina) starts with no region', () => {
    assert.equal(presetRegion('DK', everywhere), undefined);
    assert.equal(presetRegion('AR', everywhere), undefined);
  });

  it('a region open by support request only is never preset (Germany North), nor one the market does not sell', () => {
    assert.equal(presetRegion('DE', sold('germanynorth', 'westeurope')), undefined);
    assert.equal(presetRegion('US', sold('westus2', 'centralus')), 'centralus');
    assert.equal(presetRegion('NL', sold('northeurope')), undefined);
  });
});
