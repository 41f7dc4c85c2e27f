'use client';

import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { startTransition, useCallback, useEffect, useMemo, useOptimistic, useRef, useState, type FormEvent } from 'react';
import { useQuery } from 'urql';
import { InventoryBoardDocument, type InventoryBoardQuery } from '../../gql/graphql';
import { formatInteger } from '../../lib/format';
import { useBackorders } from './useBackorders';
import { useFlash, useIsBrowser, useLiveLevels, useMaybeStale, useStockChanges, useThrottled, type Level, type StockChange } from './live';
import { StaleNotice } from './StaleNotice';
import { StateHeadings } from './StateHeadings';
import { LastChange, type Announcement } from './LastChange';
import { availabilityTone, DEFAULT_LOW_STOCK, movementLabel, stateGroups, states, totalsOf } from './stock';
import styles from './Inventory.module.css';

/** Products per page; more when a filter the API cannot apply is on, so that a page holds enough matches. */
const PAGE_SIZE = 25;
const FILTERED_PAGE_SIZE = 100;
const SEARCH_DEBOUNCE_MS = 300;

type Filters = {
  search: string;
  location: string;
  lowStock: boolean;
  threshold: number;
  backordered: boolean;
  after: string | null;
};

function readFilters(params: URLSearchParams): Filters {
  const threshold = Number.parseInt(params.get('threshold') ?? '', 10);
  return {
    search: params.get('q') ?? '',
    location: params.get('location') ?? '',
    lowStock: params.get('low') === '1',
    threshold: Number.isFinite(threshold) && threshold >= 0 ? threshold : DEFAULT_LOW_STOCK,
    backordered: params.get('backordered') === '1',
    after: params.get('after'),
  };
}

function queryString(filters: Filters): string {
  const params = new URLSearchParams();
  if (filters.search) params.set('q', filters.search);
  if (filters.location) params.set('location', filters.location);
  if (filters.lowStock) params.set('low', '1');
  if (filters.threshold !== DEFAULT_LOW_STOCK) params.set('threshold', String(filters.threshold));
  if (filters.backordered) params.set('backordered', '1');
  if (filters.after) params.set('after', filters.after);
  const text = params.toString();
  return text ? `?${text}` : '';
}

type Product = InventoryBoardQuery['products']['nodes'][number];
type Row = { product: Product; levels: Level[]; shown: Level[]; backordered: number; available: number };

export function InventoryBoard() {
  const isBrowser = useIsBrowser();
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const fromAddress = useMemo(() => readFilters(new URLSearchParams(params?.toString())), [params]);
  // The address is the filters' one source, but it changes in a transition: until it lands, the controls show
  // what was just chosen (a ticked box stays ticked) rather than flicking back.
  const [filters, setChosenFilters] = useOptimistic(fromAddress);
  const filteredInBrowser = filters.lowStock || filters.backordered;

  // Cursors of the pages before this one, for "Previous" (the API pages forward only).
  const [previous, setPrevious] = useState<(string | null)[]>([]);
  const navigate = useCallback(
    (next: Partial<Filters>, options: { keepPages?: boolean } = {}) => {
      if (!options.keepPages) setPrevious([]);
      const merged = { ...filters, ...next };
      if (!options.keepPages && !('after' in next)) merged.after = null;
      startTransition(() => {
        setChosenFilters(merged);
        router.replace(`${pathname}${queryString(merged)}`, { scroll: false });
      });
    },
    [filters, pathname, router, setChosenFilters],
  );

  const [{ data, error, fetching }, reexecute] = useQuery({
    query: InventoryBoardDocument,
    variables: { first: filteredInBrowser ? FILTERED_PAGE_SIZE : PAGE_SIZE, after: filters.after, search: filters.search || null },
    pause: !isBrowser,
  });
  const backorders = useBackorders();
  const { put, merge } = useLiveLevels();
  const { flash, flashOf } = useFlash();
  const [lastChange, setLastChange] = useState<Announcement | null>(null);
  const stale = useMaybeStale();

  const products = data?.products.nodes;
  const onScreen = useRef(new Map<string, Product>());
  useEffect(() => {
    onScreen.current = new Map(products?.map((product) => [product.id, product]));
  }, [products]);

  const reloadBackorders = useThrottled(backorders.reload, 5_000);
  useStockChanges({
    skus: null,
    onChange: (change: StockChange) => {
      put(change.level);
      reloadBackorders();
      const product = onScreen.current.get(change.level.product.id);
      if (!product) return; // not on this page: its figures are read when it is shown
      if (filters.location && change.level.location.code !== filters.location) return;
      flash(change.level.id);
      setLastChange({
        at: change.occurredAt,
        text: `${movementLabel(change.movement.type)} at ${change.level.location.code}: ${product.sku}, ${formatInteger(change.level.available)} available`,
      });
    },
    onStale: () => {
      reexecute({ requestPolicy: 'network-only' });
      backorders.reload();
    },
  });

  const rows: Row[] = useMemo(
    () =>
      (products ?? []).map((product) => {
        const levels = merge(product.id, product.inventory.levels);
        const shown = filters.location ? levels.filter((level) => level.location.code === filters.location) : levels;
        return {
          product,
          levels,
          shown,
          backordered: backorders.unitsBySku.get(product.sku) ?? 0,
          available: totalsOf(levels).available,
        };
      }),
    [products, merge, filters.location, backorders.unitsBySku],
  );
  const visible = rows.filter(
    (row) =>
      (!filters.lowStock || row.shown.some((level) => level.available <= filters.threshold)) &&
      (!filters.backordered || row.backordered > 0),
  );

  const pageNumber = filters.after && previous.length === 0 ? null : previous.length + 1;
  const pageInfo = data?.products.pageInfo;
  const locations = data?.locations ?? [];
  const locationName = locations.find((location) => location.code === filters.location)?.name;

  return (
    <div className={styles.board}>
      <Toolbar
        filters={filters}
        locations={locations}
        onChange={navigate}
        lastChange={lastChange}
        backorderNote={
          backorders.error
            ? 'Backorders could not be read.'
            : backorders.loaded
              ? `${formatInteger(backorders.unitsBySku.size)} products wait on ${formatInteger(backorders.orders)} backordered orders${backorders.complete ? '' : ' (the first 2,000 read)'}.`
              : null
        }
      />

      {error && !data && (
        <div className={styles.alert} role="alert">
          <strong>The stock could not be loaded.</strong> {error.message}
          <button type="button" className={styles.button} onClick={() => reexecute({ requestPolicy: 'network-only' })}>
            Try again
          </button>
        </div>
      )}

      <StaleNotice stale={stale} />

      <table className={styles.table} aria-busy={!data || fetching} data-stale={stale || undefined} data-testid="inventory-board">
        <caption className={styles.caption}>
          <span className={styles.captionTitle}>
            Stock by product and location{locationName ? `: ${locationName}` : ''}
          </span>
          <span className={styles.captionMeta}>
            {!data
              ? 'Loading…'
              : filteredInBrowser
                ? `${formatInteger(visible.length)} of the ${formatInteger(rows.length)} products on this page ${describeClientFilters(filters)} (checked here: the API cannot filter by stock or backorders).`
                : `${formatInteger(rows.length)} products${filters.search ? ` matching “${filters.search}”` : ''}${pageNumber ? `, page ${pageNumber}` : ''}. Figures change as stock moves.`}
          </span>
        </caption>
        <colgroup>
          <col className={styles.productCol} />
          <col className={styles.locationCol} />
          {states.map((state) => (
            <col key={state.key} className={styles.figureCol} />
          ))}
        </colgroup>
        <StateHeadings
          leading={
            <>
              <th scope="col" rowSpan={2} className={styles.headProduct}>
                Product
              </th>
              <th scope="col" rowSpan={2}>
                Location
              </th>
            </>
          }
        />
        {visible.map((row) => (
          <ProductRows key={row.product.id} row={row} filters={filters} flashOf={flashOf} />
        ))}
        {data && visible.length === 0 && (
          <tbody>
            <tr>
              <td colSpan={2 + states.length} className={styles.empty}>
                {rows.length === 0
                  ? filters.search
                    ? `No product matches “${filters.search}”.`
                    : 'No products yet.'
                  : `None of the ${formatInteger(rows.length)} products on this page ${describeClientFilters(filters)}.${pageInfo?.hasNextPage ? ' Try the next page.' : ''}`}
              </td>
            </tr>
          </tbody>
        )}
      </table>

      <nav className={styles.pager} aria-label="Pages of products">
        {filters.after && previous.length === 0 ? (
          <button type="button" className={styles.button} onClick={() => navigate({ after: null })}>
            ← First page
          </button>
        ) : (
          <button
            type="button"
            className={styles.button}
            disabled={previous.length === 0}
            onClick={() => {
              const before = previous.slice(0, -1);
              navigate({ after: previous[previous.length - 1] ?? null }, { keepPages: true });
              setPrevious(before);
            }}
          >
            ← Previous
          </button>
        )}
        <span className={styles.pagerText}>{pageNumber ? `Page ${pageNumber}` : ''}</span>
        <button
          type="button"
          className={styles.button}
          disabled={!pageInfo?.hasNextPage || fetching}
          onClick={() => {
            setPrevious([...previous, filters.after]);
            navigate({ after: pageInfo?.endCursor ?? null }, { keepPages: true });
          }}
        >
          Next →
        </button>
      </nav>
    </div>
  );
}

function describeClientFilters(filters: Filters): string {
  const parts: string[] = [];
  if (filters.lowStock) parts.push(`have ${formatInteger(filters.threshold)} or fewer available at ${filters.location || 'a location'}`);
  if (filters.backordered) parts.push('are backordered');
  return parts.join(' and ');
}

function ProductRows({ row, filters, flashOf }: { row: Row; filters: Filters; flashOf: (id: string) => 'a' | 'b' | undefined }) {
  const { product, shown } = row;
  const href = `/inventory/${encodeURIComponent(product.sku)}`;
  const productCell = (span: number) => (
    <th scope="rowgroup" rowSpan={span} className={styles.productCell}>
      <Link href={href} className={styles.productName}>
        {product.name}
      </Link>
      <span className={styles.sku}>{product.sku}</span>
      <span className={styles.badges}>
        {row.levels.length > 0 && row.available <= 0 && <span className={`${styles.badge} ${styles.badgeBad}`}>Out of stock</span>}
        {row.backordered > 0 && (
          <span className={`${styles.badge} ${styles.badgeWarn}`} title="Units that backordered orders wait for">
            {formatInteger(row.backordered)} {row.backordered === 1 ? 'unit' : 'units'} backordered
          </span>
        )}
      </span>
    </th>
  );

  if (shown.length === 0) {
    return (
      <tbody className={styles.group} data-sku={product.sku}>
        <tr>
          {productCell(1)}
          <td colSpan={1 + states.length} className={styles.notStocked}>
            {filters.location ? `Not stocked at ${filters.location}` : 'Not stocked at any location'}
          </td>
        </tr>
      </tbody>
    );
  }
  return (
    <tbody className={styles.group} data-sku={product.sku}>
      {shown.map((level, i) => (
        <tr key={level.id} data-location={level.location.code} data-flash={flashOf(level.id)}>
          {i === 0 && productCell(shown.length)}
          <th scope="row" className={styles.locationCell}>
            <abbr title={level.location.name}>{level.location.code}</abbr>
          </th>
          {stateGroups.flatMap((group) =>
            group.states.map((state, j) => {
              const value = level[state.key];
              const tone = state.key === 'available' ? availabilityTone(value, filters.threshold) : undefined;
              return (
                <td
                  key={state.key}
                  data-state={state.key}
                  data-tone={tone}
                  className={`${styles.figure} ${j === 0 ? styles.groupStart : ''} ${value === 0 ? styles.zero : ''} ${state.key === 'available' ? styles.available : ''}`}
                >
                  {formatInteger(value)}
                </td>
              );
            }),
          )}
        </tr>
      ))}
    </tbody>
  );
}

function Toolbar({
  filters,
  locations,
  onChange,
  lastChange,
  backorderNote,
}: {
  filters: Filters;
  locations: InventoryBoardQuery['locations'];
  onChange: (next: Partial<Filters>) => void;
  lastChange: Announcement | null;
  backorderNote: string | null;
}) {
  const [draft, setDraft] = useState(filters.search);
  // What is typed in the threshold box, which may be empty for a moment; the filter takes each valid number.
  const [thresholdDraft, setThresholdDraft] = useState(String(filters.threshold));
  const applied = useRef(filters.search);
  // The URL changed under us (back button, "First page"): show what it says.
  useEffect(() => {
    if (filters.search !== applied.current) {
      applied.current = filters.search;
      setDraft(filters.search);
    }
  }, [filters.search]);
  // Typing searches after a short pause; Enter searches at once.
  useEffect(() => {
    const text = draft.trim();
    if (text === applied.current) return;
    const timer = setTimeout(() => {
      applied.current = text;
      onChange({ search: text });
    }, SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [draft, onChange]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    if (text === applied.current) return;
    applied.current = text;
    onChange({ search: text });
  };

  return (
    <div className={styles.toolbar}>
      <form role="search" aria-label="Products" className={styles.filters} onSubmit={submit}>
        <label className={styles.field}>
          <span className={styles.fieldLabel}>Search</span>
          <input
            type="search"
            className={styles.input}
            value={draft}
            placeholder="SKU or name"
            onChange={(event) => setDraft(event.target.value)}
          />
        </label>
        <label className={styles.field}>
          <span className={styles.fieldLabel}>Location</span>
          <select className={styles.input} value={filters.location} onChange={(event) => onChange({ location: event.target.value })}>
            <option value="">All locations</option>
            {locations.map((location) => (
              <option key={location.code} value={location.code}>
                {location.code} · {location.name}
              </option>
            ))}
          </select>
        </label>
        <fieldset className={styles.checks}>
          <legend className={styles.fieldLabel}>Show only</legend>
          <span className={styles.checkGroup}>
            <label className={styles.check}>
              <input type="checkbox" checked={filters.lowStock} onChange={(event) => onChange({ lowStock: event.target.checked })} />
              Low stock
            </label>
            <label className={styles.thresholdLabel}>
              <span aria-hidden="true">≤</span>
              <input
                type="number"
                min={0}
                step={1}
                inputMode="numeric"
                className={`${styles.input} ${styles.threshold}`}
                value={thresholdDraft}
                aria-label="Low stock: at most this many available"
                onChange={(event) => {
                  setThresholdDraft(event.target.value);
                  const value = Number.parseInt(event.target.value, 10);
                  if (Number.isFinite(value) && value >= 0) onChange({ threshold: value });
                }}
                onBlur={() => setThresholdDraft(String(filters.threshold))}
              />
              available
            </label>
          </span>
          <label className={styles.check}>
            <input
              type="checkbox"
              checked={filters.backordered}
              onChange={(event) => onChange({ backordered: event.target.checked })}
            />
            Backordered
          </label>
        </fieldset>
      </form>
      <p className={styles.legend}>
        <span className={styles.legendItem}>
          <span className={styles.swatch} data-tone="low" aria-hidden="true" />
          Low: {formatInteger(filters.threshold)} or fewer available at a location
        </span>
        <span className={styles.legendItem}>
          <span className={styles.swatch} data-tone="out" aria-hidden="true" />
          None available
        </span>
        {backorderNote && <span className={styles.legendItem}>{backorderNote}</span>}
        <LastChange change={lastChange} />
      </p>
    </div>
  );
}
