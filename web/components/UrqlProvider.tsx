'use client';

import { useState, type ReactNode } from 'react';
import { Provider } from 'urql';
import { createUrqlClient } from '../lib/urql';

export function UrqlProvider({ children }: { children: ReactNode }) {
  const [client] = useState(createUrqlClient);
  return <Provider value={client}>{children}</Provider>;
}
