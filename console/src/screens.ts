/**
 * Every section of the console, in navigation order. Registering a screen is one line here:
 * `{ path, title, roles, load: () => import('./folder/screen') }` where the module's default
 * export is a component taking `ScreenProps`. Screens load on demand (esbuild splits them).
 */
import type { ComponentType } from 'preact';
import type { Role } from './domain';
import type { ScreenProps } from './screen-props';

export type { ScreenProps } from './screen-props';

export interface ScreenEntry {
  /** First segment of the hash route: `#/<path>`. */
  path: string;
  /** Navigation label and page title. */
  title: string;
  /** Who sees it in the navigation and may open it. */
  roles: readonly Role[];
  load: () => Promise<{ default: ComponentType<ScreenProps> }>;
}

export const SCREENS: readonly ScreenEntry[] = [
  { path: 'orders', title: 'Orders', roles: ['support', 'admin'], load: () => import('./screens/orders') },
  { path: 'customers', title: 'Customers', roles: ['support', 'admin'], load: () => import('./screens/customers') },
  { path: 'zoho', title: 'Zoho connection', roles: ['support', 'admin'], load: () => import('./screens/zoho-connection') },
  { path: 'mappings', title: 'Mappings', roles: ['support', 'admin'], load: () => import('./mappings/screen') },
  { path: 'order-rules', title: 'Order rules', roles: ['support', 'admin'], load: () => import('./screens/order-rules') },
  { path: 'users', title: 'Users', roles: ['admin'], load: () => import('./screens/users') },
  { path: 'audit', title: 'Audit log', roles: ['admin'], load: () => import('./screens/audit') },
];

/** The screens this user may open, in navigation order. */
export function screensFor(role: Role): ScreenEntry[] {
  return SCREENS.filter((s) => s.roles.includes(role));
}
