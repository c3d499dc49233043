# syntax=docker/dockerfile:1
# Satchel's production images, one file, two targets:
#   docker build --target hub    -t satchel-hub .
#   docker build --target worker -t satchel-worker .
# (docker-compose.yml builds both.) Stages: `build` has the compiler for sqlite3 and argon2 and the
# dev tools; it builds the rep's app, the staff console and the workflow bundle, then prunes to
# production dependencies. `hub` and `worker` copy that result onto a slim runtime as a non-root
# user, under tini (PID 1 reaps Chromium's children: no zombie processes after a PDF).
ARG NODE_VERSION=20.19

FROM node:${NODE_VERSION}-bookworm-slim AS base
ENV NODE_ENV=production \
    PUPPETEER_SKIP_DOWNLOAD=1 \
    npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false \
    DATA_DIR=/app/data
WORKDIR /app

FROM base AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Dev dependencies too: esbuild, workbox-build and webpack build the client and the workflow bundle.
RUN npm ci --include=dev
COPY . .
RUN npm run build:client \
 && npm run build:workflows -- /app/dist/workflow-bundle.js \
 && npm prune --omit=dev \
 && rm -rf test bench .tools data coverage \
 && mkdir -p /app/data

FROM base AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build --chown=node:node /app /app
USER node
ENTRYPOINT ["/usr/bin/tini", "--"]

FROM runtime AS hub
# The hub listens on loopback unless HOST says otherwise; in a container it must take connections from the network.
ENV HOST=0.0.0.0
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--import", "tsx", "hub/server.ts"]

FROM runtime AS worker
USER root
# Debian's Chromium and fonts for the order PDFs (Latin, CJK, emoji in customer names).
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-liberation fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji \
 && rm -rf /var/lib/apt/lists/*
USER node
ENV PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium \
    WORKFLOW_BUNDLE=/app/dist/workflow-bundle.js \
    WORKER_METRICS_HOST=0.0.0.0 \
    WORKER_METRICS_PORT=9464
EXPOSE 9464
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.WORKER_METRICS_PORT||9464)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--import", "tsx", "workflows/main.ts"]
