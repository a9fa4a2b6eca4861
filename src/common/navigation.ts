import type { Role } from '../auth/roles';

export interface NavItem {
  href: string;
  key: string; // i18n key
  roles: readonly Role[];
}
export interface NavGroup {
  key: string;
  items: NavItem[];
}

/** The staff navigation: every module of ARCHITECTURE.md, with the roles that reach it. */
export const NAVIGATION: NavGroup[] = [
  {
    key: 'nav.group.attention',
    items: [
      { href: '/casos', key: 'nav.cases', roles: ['attention', 'liaison', 'admin'] },
      { href: '/estadisticas', key: 'nav.statistics', roles: ['attention', 'admin', 'director'] },
      { href: '/correo', key: 'nav.mailbox', roles: ['press', 'attention', 'admin'] },
      { href: '/correo/saliente', key: 'nav.outbox', roles: ['press', 'attention', 'admin'] },
    ],
  },
  {
    key: 'nav.group.press',
    items: [
      { href: '/agenda', key: 'nav.agenda', roles: ['press', 'liaison', 'director'] },
      { href: '/medios', key: 'nav.media', roles: ['press'] },
      { href: '/comunicados', key: 'nav.releases', roles: ['press', 'director'] },
      { href: '/banco', key: 'nav.bank', roles: ['press'] },
      { href: '/redes', key: 'nav.social', roles: ['press'] },
      { href: '/monitoreo', key: 'nav.monitoring', roles: ['press'] },
      { href: '/convenios', key: 'nav.agreements', roles: ['press', 'director'] },
      { href: '/campanas', key: 'nav.campaigns', roles: ['press', 'director'] },
      { href: '/transparencia', key: 'nav.transparency', roles: ['press', 'admin'] },
    ],
  },
  {
    key: 'nav.group.admin',
    items: [
      { href: '/admin/usuarios', key: 'nav.users', roles: ['admin'] },
      { href: '/admin/dependencias', key: 'nav.departments', roles: ['admin'] },
      { href: '/admin/categorias', key: 'nav.categories', roles: ['admin'] },
      { href: '/admin/calendario', key: 'nav.calendar', roles: ['admin'] },
      { href: '/admin/api', key: 'nav.api_keys', roles: ['admin'] },
      { href: '/admin/datos-personales', key: 'nav.personal_data', roles: ['admin'] },
      { href: '/admin/veda', key: 'blackout.nav', roles: ['admin'] },
      { href: '/admin/auditoria', key: 'nav.audit', roles: ['admin'] },
    ],
  },
];

export function navigationFor(role: Role, currentPath: string): { key: string; items: (NavItem & { current: boolean })[] }[] {
  // One entry is current: the one whose address is the longest prefix of this page's
  // (/correo/saliente is "Correo saliente", not also "Correo oficial" at /correo).
  const within = (href: string) => currentPath === href || currentPath.startsWith(href + '/');
  let current: string | null = null;
  for (const g of NAVIGATION) for (const i of g.items) if (i.roles.includes(role) && within(i.href) && (!current || i.href.length > current.length)) current = i.href;
  return NAVIGATION.map((g) => ({
    key: g.key,
    items: g.items.filter((i) => i.roles.includes(role)).map((i) => ({ ...i, current: i.href === current })),
  })).filter((g) => g.items.length > 0);
}
