'use client';

import { useCallback, useEffect, useState } from 'react';
import styles from './ExceptionQueue.module.css';

/**
 * Who is working the queue, for "Assign to me" and the reasons the actions record. There is no sign-in yet, so
 * the person types their name once and this browser remembers it.
 */

const KEY = 'opsgraph.operatorName';
export const OPERATOR_INPUT_ID = 'operator-name';

export function useOperatorName(): [string, (name: string) => void] {
  const [name, setName] = useState('');
  useEffect(() => {
    try {
      setName(window.localStorage.getItem(KEY) ?? '');
    } catch {
      // Storage disabled: the name lasts as long as the page.
    }
  }, []);
  const update = useCallback((next: string) => {
    setName(next);
    try {
      if (next.trim()) window.localStorage.setItem(KEY, next.trim());
      else window.localStorage.removeItem(KEY);
    } catch {
      // as above
    }
  }, []);
  return [name, update];
}

export function OperatorName({ value, onChange }: { value: string; onChange: (name: string) => void }) {
  return (
    <div className={styles.operator}>
      <label htmlFor={OPERATOR_INPUT_ID} className={styles.operatorLabel}>
        Your name
      </label>
      <input
        id={OPERATOR_INPUT_ID}
        className={styles.operatorInput}
        value={value}
        maxLength={80}
        autoComplete="name"
        placeholder="for assignments"
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}
