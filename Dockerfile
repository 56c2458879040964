# syntax=docker/dockerfile:1
# Gongzhi server image: build TypeScript in a full Node image (native modules such as better-sqlite3 may need
# a compiler there), then run the compiled server on a slim image with production dependencies only.

FROM node:20-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
# npm install, not npm ci: npm 11 leaves other platforms' optional binaries out of the lock file and then
# refuses that lock in npm ci (see .ci/run).
RUN npm install --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY engine ./engine
COPY forms ./forms
COPY server ./server
COPY scripts ./scripts
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    DATA_DIR=/var/lib/gongzhi
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The governance process library is data the server deploys and reads at runtime.
COPY processes ./processes
RUN mkdir -p /var/lib/gongzhi && chown node:node /var/lib/gongzhi
USER node
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/server/main.js"]
