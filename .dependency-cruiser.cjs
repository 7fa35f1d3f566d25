// The layers of src/ and the direction of their imports, checked by `npm test` (npm run check:layers). Lowest
// first: domain/ (values, no I/O) ← config and logging ← db/ (SQL, engines, the write queue) ← records/ and each
// resource's and feature's data (schemas, repository, store, derive, service) ← HTTP (http/, plugins/, each
// routes.ts and index.ts) ← app.ts ← server.ts, cli/ and synthetic/. See docs/architecture.md.
/** A resource's or feature's data files: what a record is, how it is read, written and derived. No HTTP. */
const DATA_FILES = '^src/[^/]+/(schemas|repository|store|derive|service|names|search-index|usd-amounts)\\.ts$';
/** HTTP: plugins, the route builders, and each resource's and feature's routes. */
const HTTP_FILES = '^src/(plugins/|http/|[^/]+/(routes|index)\\.ts$)';

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'A file cycle: neither side can be read, tested or moved alone.', from: { path: '^src/' }, to: { circular: true } },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'domain/ holds values and their rules: it imports nothing else of the service.',
      from: { path: '^src/domain/' },
      to: { path: '^src/', pathNot: '^src/domain/' },
    },
    {
      name: 'db-imports-no-feature',
      severity: 'error',
      comment: 'db/ is the infrastructure every resource uses: derivers and seeding are handed to it, never imported.',
      from: { path: '^src/db/' },
      to: { path: '^src/', pathNot: ['^src/db/', '^src/domain/', '^src/generated/', '^src/(config|logging)\\.ts$'] },
    },
    {
      name: 'data-imports-no-http',
      severity: 'error',
      comment: 'A store or repository works without HTTP: the seed and the CLI write through it too.',
      from: { path: DATA_FILES },
      to: { path: HTTP_FILES },
    },
    {
      name: 'below-http-imports-no-http',
      severity: 'error',
      comment: 'The write path, what every record shares, the seed and below run without HTTP: they never import it.',
      from: { path: '^src/(records|seed|domain|db)/' },
      to: { path: HTTP_FILES },
    },
    {
      name: 'only-entry-points-import-the-app',
      severity: 'error',
      comment: 'app.ts composes; server.ts and cli/ run it. Nothing below may reach up to them.',
      from: { path: '^src/', pathNot: '^src/(server\\.ts|cli/|synthetic/)' },
      to: { path: '^src/(app\\.ts|server\\.ts|cli/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/(generated|dashboard|client)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
