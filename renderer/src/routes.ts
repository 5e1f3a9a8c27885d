/** The sections of the app, in the sidebar's order; each has an address ("#/incidents"). */
export const sections = [
  { id: 'register', label: 'Register', hint: 'Processing activities (Art. 30)' },
  { id: 'vendors', label: 'Vendors', hint: 'Processors and vendors' },
  { id: 'incidents', label: 'Incidents', hint: 'Breach register (Art. 33(5))' },
  { id: 'recordings', label: 'Recordings', hint: 'Call-recording retention' },
  { id: 'reports', label: 'Reports', hint: 'PDF reports for auditors' },
  { id: 'backups', label: 'Backups', hint: 'Backups, restore, encryption' },
] as const;
export type SectionId = (typeof sections)[number]['id'];

/**
 * A screen's address in the page's hash: "#/incidents", "#/incidents/<id>". Back and Forward move
 * between sections, an address can be bookmarked or opened from an OS notification, and a reload
 * comes back to the same place.
 */
export interface Route {
  section: SectionId;
  /** The record open in that section (an incident's id), if any. */
  id: string | null;
}

export function parseRoute(hash: string): Route | null {
  const [section, id] = hash.replace(/^#\/?/, '').split('/');
  const known = sections.find((entry) => entry.id === section);
  return known ? { section: known.id, id: id ? decodeURIComponent(id) : null } : null;
}

export const formatRoute = (route: Route): string => `#/${route.section}${route.id ? `/${encodeURIComponent(route.id)}` : ''}`;
