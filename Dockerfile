# The API and the worker, from one image; the command chooses which (CMD runs the API,
# `node dist/worker/main.js` the worker, `node dist/scripts/api-keys.js` manages keys, and
# `node_modules/.bin/prisma migrate deploy` applies the migrations). Compiled JavaScript, production
# packages only. Node.js 24 (LTS): test/deploy/production-build.test.ts runs the compiled build on
# this same version, which `scripts/setup.mjs --test` installs from the npm registry.
FROM node:24.21.0-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
# `npm run build` compiles the API and the worker, bundles the workflows and builds the workspace
# (web/) into dist/web/dist, where the compiled API serves it from.
RUN DATABASE_URL=postgresql://localhost/unused npx prisma generate \
 && npm run build \
 # Optional packages are the platforms' binaries of build tools (esbuild, swc) and of the embedded
 # PostgreSQL of `npm start`: the image needs none of them, its workflow code is pre-built.
 && npm prune --omit=dev --omit=optional --no-audit --no-fund

FROM node:24.21.0-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js
# Owned by root and only readable by the user the processes run as: code that is broken into
# cannot rewrite itself for the next start.
COPY --from=build /app/package.json /app/package-lock.json /app/prisma.config.ts ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma ./prisma
USER node
EXPOSE 3000
# Liveness of the API (the worker's compose service has a check of its own). The slim image has no
# curl, so Node's own fetch asks.
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/api/main.js"]
