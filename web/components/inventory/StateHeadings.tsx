import type { ReactNode } from 'react';
import { stateGroups } from './stock';
import styles from './Inventory.module.css';

/**
 * The two heading rows of a stock table: the columns before the figures (each spanning both rows), then every
 * state under its group (sellable, incoming, held apart). The board and the product page share them.
 */
export function StateHeadings({ leading }: { leading: ReactNode }) {
  return (
    <thead>
      <tr>
        {leading}
        {stateGroups.map((group) => (
          <th key={group.label} scope="colgroup" colSpan={group.states.length} className={styles.groupHead}>
            {group.label}
          </th>
        ))}
      </tr>
      <tr>
        {stateGroups.flatMap((group) =>
          group.states.map((state, i) => (
            <th key={state.key} scope="col" title={state.description} className={`${styles.figureHead} ${i === 0 ? styles.groupStart : ''}`}>
              {state.label}
            </th>
          )),
        )}
      </tr>
    </thead>
  );
}
