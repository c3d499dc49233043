# A first image for the hub and the worker (one image, two commands). Production hardening
# (multi-stage build, prebuilt workflow bundle) comes with the production work.
FROM node:20-bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-liberation tini python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
ENV PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium PUPPETEER_SKIP_DOWNLOAD=1 NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN node --import tsx client/build.ts && chown -R node:node /app
USER node
# tini reaps Chromium's children so PDFs never leave zombies.
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "--import", "tsx", "hub/server.ts"]
