// The bot process with Partner Center faults: the product's start (bot/index.ts) with its gateway wrapped
// in the fault decorator scripted by PARTNER_CENTER_FAULTS (./faultyPartnerCenter.ts). Test-only: the
// product never reads that variable. The kill test and `npm run soak -- --faults SPEC` start it; by hand:
//   PARTNER_CENTER_FAULTS="checkout=429:1,500,ok; getOrdersForRequest=timeout" node --import tsx test/support/faultyBot.ts
import { main } from '../../bot/index';
import { FaultyPartnerCenter, parseFaultSpec } from './faultyPartnerCenter';

async function startFaulty(): Promise<void> {
  const scripts = parseFaultSpec(process.env.PARTNER_CENTER_FAULTS ?? '');
  await main({ decorateGateway: (gateway) => new FaultyPartnerCenter(gateway, scripts) });
}

startFaulty().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
