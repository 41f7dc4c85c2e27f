'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import styles from './AppShell.module.css';

/** The sections in the top bar. Orders have no list of their own: they are reached from exceptions and stock. */
export const sections = [
  { href: '/', label: 'Overview' },
  { href: '/inventory', label: 'Inventory' },
  { href: '/exceptions', label: 'Exceptions' },
  { href: '/returns', label: 'Returns' },
  { href: '/finance', label: 'Finance' },
] as const;

/** `page` on the section's own page, `true` on a page inside it (e.g. one product of the inventory board). */
export function currentFor(href: string, pathname: string): 'page' | 'true' | undefined {
  if (pathname === href) return 'page';
  if (href !== '/' && pathname.startsWith(`${href}/`)) return 'true';
  return undefined;
}

export function MainNav() {
  const pathname = usePathname() ?? '/';
  return (
    <nav className={styles.nav} aria-label="Sections">
      <ul className={styles.navList}>
        {sections.map(({ href, label }) => (
          <li key={href}>
            <Link href={href} className={styles.navLink} aria-current={currentFor(href, pathname)}>
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
