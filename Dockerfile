# syntax=docker/dockerfile:1
# Build stage: compile TypeScript, generate the Prisma client, build better-sqlite3's native addon, then drop
# dev dependencies so the runtime stage copies production modules only.
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
RUN npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")" npm ci --no-audit --no-fund \
 && npm prune --omit=dev --no-audit --no-fund

# Runtime stage: production modules, compiled code, migrations and the seed dataset; runs as the unprivileged
# `node` user with the database on a volume.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_URL=file:/data/atlas.db \
    SEED_ON_START=auto
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --chown=root:root prisma/migrations ./prisma/migrations
COPY --chown=root:root seed ./seed
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
# Migrations run and the article's dataset is seeded on first start (src/db/prepare.ts).
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node directly (not npm) so SIGTERM reaches the server and it drains in-flight requests. A young generation of
# 4 MiB (V8's default is 16 per semi-space) saves about 25 MiB of resident memory for under 10% of uncached
# throughput (tests/bench/BENCHMARKS.md); `npm start` passes the same flag.
CMD ["node", "--max-semi-space-size=4", "dist/server.js"]
