// The bot's own part of the demo world: the partners it serves, their agents (with the channel ids the
// demo users sign in with) and the subscriptions each Sales or Helpdesk agent was given (R3). The
// customers and subscriptions themselves are the embedded Partner Center's (src/partnerCenter/local/seed.ts).
import type { Role } from '../domain/types';
import type { Db } from './db';
import { demoAgents, demoPartners, demoSubscriptions } from './demoIds';

const partners = [
  { id: demoPartners.contosoNl, name: 'Contoso Cloud Partners B.V.', kind: 'direct', country: 'NL', isCsp: 1, mpnId: '4410101' },
  { id: demoPartners.fabrikamBr, name: 'Fabrikam Distribuidora Ltda.', kind: 'indirectProvider', country: 'BR', isCsp: 1, mpnId: '4420202' },
  { id: demoPartners.northwindEa, name: 'Northwind Traders (EA only)', kind: 'direct', country: 'US', isCsp: 0, mpnId: '4430303' },
] as const;

const agents: { id: string; partnerId: string; displayName: string; email: string; role: Role; channel: string }[] = [
  { id: demoAgents.anna, partnerId: demoPartners.contosoNl, displayName: 'Anna de Vries', email: 'anna.devries@contosocloud.nl', role: 'AdminAgent', channel: 'demo-anna' },
  { id: demoAgents.gijs, partnerId: demoPartners.contosoNl, displayName: 'Gijs Bakker', email: 'gijs.bakker@contosocloud.nl', role: 'GlobalAdmin', channel: 'demo-gijs' },
  { id: demoAgents.hanna, partnerId: demoPartners.contosoNl, displayName: 'Hanna Jansen', email: 'hanna.jansen@contosocloud.nl', role: 'HelpdeskAgent', channel: 'demo-hanna' },
  { id: demoAgents.sam, partnerId: demoPartners.contosoNl, displayName: 'Sam Visser', email: 'sam.visser@contosocloud.nl', role: 'SalesAgent', channel: 'demo-sam' },
  { id: demoAgents.umar, partnerId: demoPartners.contosoNl, displayName: 'Umar El Amrani', email: 'umar.elamrani@contosocloud.nl', role: 'UserManagementAdmin', channel: 'demo-umar' },
  { id: demoAgents.bea, partnerId: demoPartners.contosoNl, displayName: 'Bea Smit', email: 'bea.smit@contosocloud.nl', role: 'BillingAdmin', channel: 'demo-bea' },
  { id: demoAgents.lucas, partnerId: demoPartners.fabrikamBr, displayName: 'Lucas Silva', email: 'lucas.silva@fabrikam.com.br', role: 'AdminAgent', channel: 'demo-lucas' },
  { id: demoAgents.mariana, partnerId: demoPartners.fabrikamBr, displayName: 'Mariana Costa', email: 'mariana.costa@fabrikam.com.br', role: 'SalesAgent', channel: 'demo-mariana' },
  { id: demoAgents.nora, partnerId: demoPartners.northwindEa, displayName: 'Nora Lindqvist', email: 'nora.lindqvist@northwindtraders.com', role: 'AdminAgent', channel: 'demo-nora' },
];

/** Hanna (helpdesk) and Sam (sales): Contoso Retail Production and a few other Contoso customers' subscriptions. */
const contosoShared = [
  demoSubscriptions.contosoRetailProduction,
  demoSubscriptions.alpineSkiPlan,
  demoSubscriptions.brouwerijProductie,
  demoSubscriptions.cafeNoelPlan,
];
/** Mariana (sales, Fabrikam): every Fabrikam subscription. */
const fabrikamAll = [
  demoSubscriptions.padariaProduction,
  demoSubscriptions.ipePlan,
  demoSubscriptions.construtoraProducao,
  demoSubscriptions.cooperativaPlan,
  demoSubscriptions.andinasPlan,
  demoSubscriptions.taqueriaProduccion,
  demoSubscriptions.pampaPlan,
  demoSubscriptions.lakeshoreProduction,
];
const subscriptionAccess: [agentId: string, subscriptionIds: string[]][] = [
  [demoAgents.hanna, contosoShared],
  [demoAgents.sam, contosoShared],
  [demoAgents.mariana, fabrikamAll],
];

/** The rows both engines seed: partners, agents with their channel ids, and the subscription access. */
export const demoDirectory = { partners, agents, subscriptionAccess } as const;

/**
 * Writes the demo partners, agents and subscription access into an empty, migrated store in one
 * transaction. Returns false, without writing anything, when the store has partners already.
 */
export function seedDemoAgents(db: Db): boolean {
  return db.transaction((): boolean => {
    if (db.prepare('SELECT 1 FROM partners LIMIT 1').get() !== undefined) return false;
    const insPartner = db.prepare('INSERT INTO partners (id, name, kind, country, is_csp, mpn_id) VALUES (?, ?, ?, ?, ?, ?)');
    for (const p of partners) insPartner.run(p.id, p.name, p.kind, p.country, p.isCsp, p.mpnId);
    const insAgent = db.prepare('INSERT INTO agents (id, partner_id, display_name, email, role) VALUES (?, ?, ?, ?, ?)');
    const insChannel = db.prepare('INSERT INTO agent_channel_ids (channel_user_id, agent_id) VALUES (?, ?)');
    for (const a of agents) {
      insAgent.run(a.id, a.partnerId, a.displayName, a.email, a.role);
      insChannel.run(a.channel, a.id);
    }
    const insAccess = db.prepare('INSERT INTO agent_subscription_access (agent_id, subscription_id) VALUES (?, ?)');
    for (const [agentId, subscriptionIds] of subscriptionAccess) for (const s of subscriptionIds) insAccess.run(agentId, s);
    return true;
  })();
}
