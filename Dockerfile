# syntax=docker/dockerfile:1
# A lean production image of the service, for either engine (DATABASE_URL=file:… on the /data volume by default,
# or postgresql://…). It migrates and seeds its database on first start.
#
# Build stage: compile TypeScript and the dashboard, generate both Prisma clients, build better-sqlite3's native
# addon, then keep only what the running service loads.
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary can be fetched.
RUN apt-get update -qq \
 && apt-get install -y -qq --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json prisma.config.ts ./
COPY prisma ./prisma
COPY src ./src
# node-gyp would download Node's headers; build against the ones installed beside node instead, so the image
# builds where only the npm registry and Debian's packages are reachable. `npm ci` builds dist/ too (the
# package's `prepare` script), so the sources come first.
RUN npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")" npm ci --no-audit --no-fund
# Production modules only, peers not installed for their own sake (`--legacy-peer-deps`): @prisma/client names the
# Prisma CLI as a peer, which npm would otherwise keep, and with it TypeScript, PGlite, Prisma Studio's React and
# more (the image was 743 MB with them). The service never runs the CLI: migrations are its own (src/db/migrate*).
# Then what is never loaded: query compilers for databases the service does not speak (the generated clients
# import the SQLite and PostgreSQL ones only), their CommonJS twins and source maps, and better-sqlite3's C sources
# and object files (its compiled addon stays).
RUN npm prune --omit=dev --legacy-peer-deps --no-audit --no-fund \
 && cd node_modules/@prisma/client/runtime \
 && rm -f query_compiler_*_bg.mysql.* query_compiler_*_bg.sqlserver.* query_compiler_*_bg.cockroachdb.* \
          query_compiler_small_bg.* query_compiler_*.js *.map \
 && cd /app/node_modules/better-sqlite3 \
 && rm -rf deps src build/Release/obj build/Release/obj.target build/Release/.deps build/deps \
 && test -f /app/node_modules/@prisma/client/runtime/query_compiler_fast_bg.sqlite.wasm-base64.mjs \
 && test -f /app/node_modules/@prisma/client/runtime/query_compiler_fast_bg.postgresql.wasm-base64.mjs \
 && test ! -d /app/node_modules/prisma

# The base system without what a running Node.js service never reads (manuals, documentation, translations, C
# headers, package lists, npm), flattened into one layer below: deleting files in a later layer would not make
# the image smaller.
FROM node:20-bookworm-slim AS system
RUN rm -rf /usr/share/doc /usr/share/man /usr/share/info /usr/share/locale /usr/include \
           /var/cache/* /var/lib/apt/lists/* /usr/lib/node_modules/npm /usr/lib/node_modules/corepack \
           /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/corepack

FROM scratch AS runtime
COPY --from=system / /
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_URL=file:/data/atlas.db \
    SEED_ON_START=auto \
    NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
# Both engines' migrations: the service applies the ones for the database DATABASE_URL names.
COPY --chown=root:root prisma/migrations ./prisma/migrations
COPY --chown=root:root prisma/postgresql/migrations ./prisma/postgresql/migrations
COPY --chown=root:root seed ./seed
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
# Migrations run and the article's dataset is seeded on first start (src/seed/prepare.ts).
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node directly (not npm) so SIGTERM reaches the server and it drains in-flight requests. A young generation of
# 4 MiB (V8's default is 16 per semi-space) saves about 25 MiB of resident memory for under 10% of uncached
# throughput (tests/bench/BENCHMARKS.md); `npm start` passes the same flag.
CMD ["node", "--max-semi-space-size=4", "dist/server.js"]
