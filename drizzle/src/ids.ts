import { randomBytes } from 'node:crypto';

/** Ids people see carry their kind (`ord_...`); the time prefix keeps them roughly sortable. */
export function newId(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}${randomBytes(5).toString('hex')}`;
}
