import { BackendStatus } from '../components/BackendStatus';
import styles from './page.module.css';

const domains = [
  { name: 'Catalog', port: 4001, summary: 'Products, SKUs, list and channel prices, sales channels.' },
  { name: 'Inventory', port: 4002, summary: 'Locations and an append-only stock ledger with reservations.' },
  { name: 'Orders', port: 4003, summary: 'Orders from every channel, captured and allocated against stock.' },
  { name: 'Returns', port: 4004, summary: 'Return requests, inspection and restocking.' },
  { name: 'Finance', port: 4005, summary: 'Postings and KPIs derived from the other domains’ events.' },
];

export default function HomePage() {
  return (
    <>
      <header className={styles.topbar}>
        <div className={styles.container}>
          <span className={styles.brand}>
            <span className={styles.logo} aria-hidden="true">
              OG
            </span>
            OpsGraph
          </span>
          <span className={styles.tag}>Control tower</span>
        </div>
      </header>

      <main className={`${styles.container} ${styles.main}`}>
        <section className={styles.intro}>
          <h1>Operations for multi-channel ecommerce, in one graph</h1>
          <p>
            OpsGraph keeps stock, orders, returns and finance for every sales channel consistent, and exposes
            them through one federated GraphQL API. Five domain subgraphs each own their data; a gateway composes
            them and is the only thing this control tower talks to.
          </p>
        </section>

        <BackendStatus />

        <section className={styles.domains} aria-labelledby="domains-title">
          <h2 id="domains-title" className={styles.sectionTitle}>
            Domains
          </h2>
          <ul className={styles.domainGrid}>
            {domains.map((domain) => (
              <li key={domain.name} className={styles.domain}>
                <div className={styles.domainHead}>
                  <span className={styles.domainName}>{domain.name}</span>
                  <code className={styles.port}>:{domain.port}</code>
                </div>
                <p>{domain.summary}</p>
              </li>
            ))}
          </ul>
        </section>
      </main>
    </>
  );
}
