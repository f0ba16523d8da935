// The Teams app manifest of the bot: personal scope only (in a group chat every member would share one
// purchase in progress, since the dialog state is per conversation), and the commands buy, orders, help.
import { teamsApp } from '../text';

export const MANIFEST_VERSION = '1.19';
export const MANIFEST_SCHEMA_URL = `https://developer.microsoft.com/en-us/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`;
// The icons are the files of these names beside this file, at the zip's root: color 192×192 full colour,
// outline 32×32 white on transparent (https://learn.microsoft.com/en-us/microsoft-365/extensibility/schema/root-icons).
export const COLOR_ICON = 'color.png';
export const OUTLINE_ICON = 'outline.png';
/** The colour icon's background, which Teams shows around it. */
export const ACCENT_COLOR = '#0078D4';

export interface ManifestInput {
  /** The Azure Bot's Microsoft App ID (MicrosoftAppId). */
  botId: string;
  /** The Teams app id; the bot id unless given. */
  appId?: string;
  /** The app's version (x.y.z). */
  version: string;
  developer: { name: string; websiteUrl: string; privacyUrl: string; termsOfUseUrl: string };
}

export function buildManifest(input: ManifestInput): Record<string, unknown> {
  const scopes = ['personal'];
  return {
    $schema: MANIFEST_SCHEMA_URL,
    manifestVersion: MANIFEST_VERSION,
    version: input.version,
    id: input.appId || input.botId,
    developer: input.developer,
    name: { short: teamsApp.shortName, full: teamsApp.fullName },
    description: { short: teamsApp.shortDescription, full: teamsApp.fullDescription },
    icons: { color: COLOR_ICON, outline: OUTLINE_ICON },
    accentColor: ACCENT_COLOR,
    bots: [
      {
        botId: input.botId,
        scopes,
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: [{ scopes, commands: teamsApp.commands.map((c) => ({ title: c.title, description: c.description })) }],
      },
    ],
    permissions: ['identity', 'messageTeamMembers'],
    validDomains: [],
  };
}
